package xent.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import xent.model.checkpoint.Checkpoint;
import xent.model.checkpoint.Tensor;

/**
 * Moves a checkpoint's tensors onto the engine by their {@link TensorSpec} declarations, and
 * remembers what it handed out, so that a family's parameters (for training) and checkpoint arrays
 * (for writing) come from the same declarations.
 *
 * <p>All arrays belong to one manager, owned by the model that asked for them.
 */
public final class Weights {

  /** Several checkpoint tensors concatenated along their first axis into one live array. */
  private record Stack(String name, List<String> parts, long[] sizes, NDArray array) {}

  private final Checkpoint checkpoint;
  private final NDManager manager;
  private final DataType dtype;
  private final Map<String, TensorSpec> specs = new LinkedHashMap<>();
  private final Map<String, NDArray> loaded = new HashMap<>();
  private final Map<String, Stack> stackOf = new HashMap<>(); // by part name

  /**
   * @param checkpoint the tensors, in float32, float16 or bfloat16 on disk
   * @param manager the model's own manager (its device is where the weights go)
   * @param dtype the engine type to compute in: float32 on CPU; float16 or bfloat16 on a GPU
   */
  public Weights(Checkpoint checkpoint, NDManager manager, DataType dtype) {
    this.checkpoint = checkpoint;
    this.manager = manager;
    this.dtype = dtype;
    ModelFamily.tensorsOf(checkpoint.config()).forEach(s -> specs.put(s.name(), s));
  }

  /** The manager that owns the weights. */
  public NDManager manager() {
    return manager;
  }

  /**
   * The declared tensor {@code name} on the engine, checked against its declared shape; a
   * transposed (Conv1D) tensor comes back as a contiguous [out, in].
   */
  public NDArray get(String name) {
    NDArray array = read(name);
    loaded.put(name, array);
    return array;
  }

  private NDArray read(String name) {
    TensorSpec spec = specs.get(name);
    if (spec == null) {
      throw new IllegalArgumentException(checkpoint.source() + ": " + name
          + " is not a declared tensor of the " + checkpoint.config().family() + " family");
    }
    Tensor tensor = checkpoint.tensor(name, spec.shape());
    // Widened in Java: DJL's PyTorch engine aborts the JVM on bfloat16 arrays on CPU.
    NDArray array = manager.create(tensor.toFloat32(), new Shape(spec.shape()), DataType.FLOAT32);
    array.setName(name);
    if (spec.transposed()) {
      NDArray transposed = array.transpose().duplicate();
      array.close();
      array = transposed;
    }
    return dtype == DataType.FLOAT32 ? array : array.toType(dtype, false);
  }

  /** The output head [V, dim]: the family's stored head, or {@code embedding} when tied. */
  public NDArray head(NDArray embedding) {
    ModelConfig config = checkpoint.config();
    return config.tiedEmbeddings() ? embedding : get(ModelFamily.of(config.family()).head());
  }

  /**
   * The tensors {@code parts} concatenated along their first axis, in order, as one live array
   * called {@code name}: a few large matrix multiplies run faster than many small ones.
   *
   * <p>DJL wraps a direct buffer without copying it, so a plain {@link #get} array lives in the
   * checkpoint's mapped file pages. The stacked array is a copy: its parts are closed and their
   * mappings released at once, so that loading does not hold these weights twice.
   */
  public NDArray stacked(String name, String... parts) {
    NDList arrays = new NDList();
    long[] sizes = new long[parts.length];
    for (int i = 0; i < parts.length; i++) {
      arrays.add(read(parts[i]));
      sizes[i] = arrays.get(i).getShape().get(0);
    }
    NDArray stacked = NDArrays.concat(arrays, 0);
    arrays.close();
    for (String part : parts) {
      checkpoint.tensors().get(part).unmap();
    }
    Stack stack = new Stack(name, List.of(parts), sizes, stacked);
    for (String part : parts) {
      stackOf.put(part, stack);
    }
    return stacked;
  }

  /**
   * The live arrays in declaration order, a stack once under its own name in place of its parts.
   * Training attaches gradients to these and updates them in place.
   */
  public Map<String, NDArray> parameters() {
    return arrays(false);
  }

  /** The weights by checkpoint name in declaration order, stacks split back into views. */
  public Map<String, NDArray> checkpointArrays() {
    return arrays(true);
  }

  private Map<String, NDArray> arrays(boolean split) {
    Map<String, NDArray> out = new LinkedHashMap<>();
    for (String name : handedOut()) {
      Stack stack = stackOf.get(name);
      if (stack == null) {
        out.put(name, loaded.get(name));
      } else if (!split) {
        out.putIfAbsent(stack.name(), stack.array());
      } else if (!out.containsKey(name)) {
        long[] ends = new long[stack.sizes().length - 1];
        long end = 0;
        for (int i = 0; i < ends.length; i++) {
          end += stack.sizes()[i];
          ends[i] = end;
        }
        NDList views = stack.array().split(ends, 0);
        for (int i = 0; i < stack.parts().size(); i++) {
          out.put(stack.parts().get(i), views.get(i));
        }
      }
    }
    return out;
  }

  /** The declared names that were loaded, in declaration order. */
  private List<String> handedOut() {
    return specs.keySet().stream()
        .filter(name -> loaded.containsKey(name) || stackOf.containsKey(name))
        .toList();
  }

  /** x W^T + b, W stored [out, in] as in Hugging Face checkpoints; b may be null. */
  public static NDArray linear(NDArray x, NDArray weight, NDArray bias) {
    return (bias == null ? Linear.linear(x, weight) : Linear.linear(x, weight, bias))
        .singletonOrThrow();
  }
}

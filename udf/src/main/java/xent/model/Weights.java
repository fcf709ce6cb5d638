package xent.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;
import xent.model.checkpoint.Checkpoint;
import xent.model.checkpoint.Tensor;

/**
 * Moves a checkpoint's tensors onto the engine, checking each shape against the config.
 *
 * <p>All arrays belong to one manager, owned by the model that asked for them.
 */
public final class Weights {

  private final Checkpoint checkpoint;
  private final NDManager manager;
  private final DataType dtype;

  /**
   * @param checkpoint the tensors, in float32, float16 or bfloat16 on disk
   * @param manager the model's own manager (its device is where the weights go)
   * @param dtype the engine type to compute in: float32 on CPU; float16 or bfloat16 on a GPU
   */
  public Weights(Checkpoint checkpoint, NDManager manager, DataType dtype) {
    this.checkpoint = checkpoint;
    this.manager = manager;
    this.dtype = dtype;
  }

  /** The manager that owns the weights. */
  public NDManager manager() {
    return manager;
  }

  /** The tensor {@code name}, which must have {@code shape}, on the engine. */
  public NDArray get(String name, long... shape) {
    Tensor tensor = checkpoint.tensor(name, shape);
    // Widened in Java: DJL's PyTorch engine aborts the JVM on bfloat16 arrays on CPU.
    NDArray array = manager.create(tensor.toFloat32(), new Shape(shape), DataType.FLOAT32);
    array.setName(name);
    return dtype == DataType.FLOAT32 ? array : array.toType(dtype, false);
  }

  /**
   * The tensors {@code names} (each of its {@code shapes}) concatenated along their first axis, in
   * order, as one array: a few large matrix multiplies run faster than many small ones.
   *
   * <p>DJL wraps a direct buffer without copying it, so a plain {@link #get} array lives in the
   * checkpoint's mapped file pages. The stacked array is a copy: its parts are closed and their
   * mappings released at once, so that loading does not hold these weights twice.
   */
  public NDArray stacked(String[] names, long[][] shapes) {
    NDList parts = new NDList();
    for (int i = 0; i < names.length; i++) {
      parts.add(get(names[i], shapes[i]));
    }
    NDArray stacked = NDArrays.concat(parts, 0);
    parts.close();
    for (String name : names) {
      checkpoint.tensors().get(name).unmap();
    }
    return stacked;
  }

  /** x W^T + b, W stored [out, in] as in Hugging Face checkpoints; b may be null. */
  public static NDArray linear(NDArray x, NDArray weight, NDArray bias) {
    return (bias == null ? Linear.linear(x, weight) : Linear.linear(x, weight, bias))
        .singletonOrThrow();
  }
}

package xent.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.IntConsumer;

/**
 * One tensor a family's checkpoint holds: the single declaration that loading, checking, training
 * init and writing read.
 *
 * @param name Hugging Face name
 * @param shape dimensions as stored, outermost first
 * @param rule the shape in terms of the configuration, e.g. "(n_kv_heads * head_dim, dim)"
 * @param role what it is for
 * @param transposed stored [in, out] (GPT-2's Conv1D) and used as [out, in]
 */
public record TensorSpec(
    String name, long[] shape, String rule, TensorRole role, boolean transposed) {

  public TensorSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(role, "role");
    shape = shape.clone();
    for (long d : shape) {
      if (d <= 0) {
        throw new IllegalArgumentException(name + ": every dimension must be positive, found "
            + Arrays.toString(shape));
      }
    }
  }

  /** Number of elements. */
  public long numel() {
    return Arrays.stream(shape).reduce(1, Math::multiplyExact);
  }

  /** A family's tensors in checkpoint order, written as a list of declarations. */
  public static final class Declaration {
    private final List<TensorSpec> specs = new ArrayList<>();
    private String prefix = "";

    /** A tensor stored as it is used ([out, in] for projections). */
    public Declaration add(String name, TensorRole role, String rule, long... shape) {
      specs.add(new TensorSpec(prefix + name, shape, rule, role, false));
      return this;
    }

    /** A projection stored [in, out] (GPT-2's Conv1D), used transposed. */
    public Declaration addTransposed(String name, TensorRole role, String rule, long... shape) {
      specs.add(new TensorSpec(prefix + name, shape, rule, role, true));
      return this;
    }

    /** A LayerNorm's gain and bias, name.weight and name.bias, each [dim]. */
    public Declaration layerNorm(String name, long dim) {
      add(name + ".weight", TensorRole.NORM_GAIN, "(dim)", dim);
      return add(name + ".bias", TensorRole.BIAS, "(dim)", dim);
    }

    /** Declares each layer's tensors under {@code pattern} (with %d for the layer index). */
    public Declaration layers(int n, String pattern, IntConsumer layer) {
      for (int i = 0; i < n; i++) {
        prefix = String.format(pattern, i);
        layer.accept(i);
      }
      prefix = "";
      return this;
    }

    public List<TensorSpec> specs() {
      return List.copyOf(specs);
    }
  }
}

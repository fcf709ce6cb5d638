package xent.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;

/**
 * The activation functions of the families, elementwise.
 *
 * <p>Constants are engine scalars, not mul(Number): DJL makes a Number into an array over a Java
 * buffer and frees it at once, but autograd keeps it for the backward pass (training read freed
 * memory).
 */
public final class Activations {

  private static final float GELU_C = (float) Math.sqrt(2 / Math.PI);

  /** The activations by the names of transformers' ACT2FN that xent computes. */
  public enum Kind {
    /** "silu", "swish". */
    SILU,
    /** "gelu": the exact, erf-based GELU. */
    GELU,
    /** "gelu_new", "gelu_pytorch_tanh": the tanh approximation. */
    GELU_TANH,
    /** "relu" (OPT). */
    RELU;

    /** The kind of ACT2FN name {@code name}, or null when xent does not compute it. */
    public static Kind ofHf(String name) {
      return switch (name) {
        case "silu", "swish" -> SILU;
        case "gelu" -> GELU;
        case "gelu_new", "gelu_pytorch_tanh" -> GELU_TANH;
        case "relu" -> RELU;
        default -> null;
      };
    }

    /** This activation of {@code x}, elementwise. */
    public NDArray apply(NDArray x) {
      return switch (this) {
        case SILU -> silu(x);
        case GELU -> gelu(x);
        case GELU_TANH -> geluTanh(x);
        case RELU -> Activation.relu(x);
      };
    }
  }

  private Activations() {}

  /** HF "gelu": x Phi(x) = 0.5 x (1 + erf(x / sqrt(2))). */
  public static NDArray gelu(NDArray x) {
    NDManager m = x.getManager();
    NDArray erf = x.mul(m.full(new Shape(), (float) (1 / Math.sqrt(2)), x.getDataType())).erf();
    return x.mul(erf.add(1f)).mul(m.full(new Shape(), 0.5f, x.getDataType()));
  }

  /** silu(x) = x sigmoid(x) (HF "silu", alias "swish"); DJL's swish(x, 1f) is mul(Number). */
  public static NDArray silu(NDArray x) {
    return x.mul(Activation.sigmoid(x));
  }

  /** HF "gelu_new" / "gelu_pytorch_tanh": 0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3))). */
  public static NDArray geluTanh(NDArray x) {
    NDManager m = x.getManager();
    NDArray cubic = x.mul(x).mul(x).mul(m.full(new Shape(), 0.044715f, x.getDataType()));
    NDArray inner = x.add(cubic).mul(m.full(new Shape(), GELU_C, x.getDataType()));
    return x.mul(inner.tanh().add(1f)).mul(m.full(new Shape(), 0.5f, x.getDataType()));
  }
}

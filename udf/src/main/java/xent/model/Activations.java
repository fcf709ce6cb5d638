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

  private Activations() {}

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

package xent.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/** Tanh soft-capping, cap * tanh(x / cap): Gemma 2's bound on attention scores and logits. */
public final class SoftCap {

  private SoftCap() {}

  /** {@code x} soft-capped at {@code cap}, elementwise; x itself when cap is 0 (no capping). */
  public static NDArray apply(NDArray x, double cap) {
    if (cap == 0) {
      return x;
    }
    // engine scalars, not div(Number): see Activations
    NDArray c = x.getManager().full(new Shape(), (float) cap, x.getDataType());
    return x.div(c).tanh().mul(c);
  }
}

package xent.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * ALiBi (Press et al., "Train Short, Test Long"), as BLOOM computes it: no position embedding,
 * instead each head h adds slope_h * s to its score of key position s. Against the textbook bias
 * -slope_h * (t - s) this differs by slope_h * t, the same for every key of query t, which softmax
 * ignores.
 *
 * <p>transformers counts key positions from the attention mask (cumsum - 1); xent right-pads its
 * rows, so a real token's position is its index either way, and padding sits after every real
 * query, hidden by the causal mask.
 */
public final class Alibi {

  private Alibi() {}

  /**
   * The heads' slopes: for the largest power of two p <= heads, 2^(-8i/p) for i = 1..p; the
   * remaining heads take every other slope of 2p heads, 2^(-4i/p) for i = 1, 3, 5, ...
   */
  public static float[] slopes(int heads) {
    if (heads <= 0) {
      throw new IllegalArgumentException("ALiBi needs at least one head, found " + heads);
    }
    int p = Integer.highestOneBit(heads);
    float[] out = new float[heads];
    for (int i = 0; i < p; i++) {
      out[i] = (float) Math.pow(2, -8.0 * (i + 1) / p);
    }
    for (int j = 0; j < heads - p; j++) {
      out[p + j] = (float) Math.pow(2, -4.0 * (2 * j + 1) / p);
    }
    return out;
  }

  /**
   * The causal mask with each head's bias added: [H, T, T], entry (h, t, s) = causal(t, s) +
   * slope_h * s.
   *
   * @param causal [T, T] from {@link Attention#causalMask}
   */
  public static NDArray mask(NDManager manager, NDArray causal, float[] slopes) {
    long t = causal.getShape().get(0);
    NDArray slope = manager.create(slopes, new Shape(slopes.length, 1, 1)); // [H, 1, 1]
    NDArray keys = manager.arange(0f, t, 1f).reshape(1, 1, t); // [1, 1, T]
    return causal.expandDims(0).add(slope.mul(keys)); // [H, T, T]
  }
}

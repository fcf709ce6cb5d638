package xent.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * Rotary position embedding in the Hugging Face "rotate half" layout: component j of a head is
 * paired with component j + rd/2 and the pair is rotated by pos * invFreq[j], for the leading rd
 * (rotary dim) components of each head; the rest of the head passes unrotated (GPT-NeoX's
 * partial rotary, rd = int(head_dim * rotary fraction); rd = head_dim elsewhere).
 *
 * <p>GPT-J pairs interleaved components (2j, 2j + 1) instead (its rotate_every_two, see
 * {@link AttentionVariant#interleavedRotary}). llama2.c checkpoints interleave too; their reader
 * permutes the rows of wq and wk into the rotate-half layout.
 */
public final class RotaryEmbedding {

  private final int headDim;
  private final int rotaryDim;
  private final boolean interleaved;
  private final double theta;
  private final RopeScaling scaling;
  private final int maxPositions;

  public RotaryEmbedding(ModelConfig config) {
    this.headDim = config.headDim();
    this.rotaryDim = config.rotaryDim();
    this.interleaved = config.attention().interleavedRotary();
    this.theta = config.ropeTheta();
    this.scaling = config.ropeScaling();
    this.maxPositions = config.maxPositions();
  }

  /** The inverse frequencies for a sequence of {@code length} positions. */
  private double[] frequenciesFor(long length) {
    return scaling == null ? RopeScaling.unscaled(theta, rotaryDim)
        : scaling.inverseFrequencies(theta, rotaryDim, length, maxPositions);
  }

  /**
   * cos and sin of pos * invFreq for positions 0..t-1, each [1, T, 1, rd/2], in float32, times
   * the scaling's attention factor (yarn, longrope). The frequencies are those of a sequence of
   * t positions: longrope and dynamic scaling depend on it (see {@link RopeScaling#lengthClass}).
   */
  public NDList tables(NDManager manager, long t) {
    double[] f = frequenciesFor(t);
    double attention = scaling == null ? 1.0 : scaling.attentionFactor();
    int half = f.length;
    float[] cos = new float[Math.toIntExact(t * half)];
    float[] sin = new float[cos.length];
    for (int pos = 0; pos < t; pos++) {
      for (int j = 0; j < half; j++) {
        double angle = pos * f[j];
        cos[pos * half + j] = (float) (Math.cos(angle) * attention);
        sin[pos * half + j] = (float) (Math.sin(angle) * attention);
      }
    }
    Shape shape = new Shape(1, t, 1, half);
    return new NDList(manager.create(cos, shape), manager.create(sin, shape));
  }

  /**
   * Rotates q or k.
   *
   * @param x [B, T, heads, hs]
   * @param tables from {@link #tables}
   * @return [B, T, heads, hs]
   */
  public NDArray apply(NDArray x, NDList tables) {
    NDArray cos = tables.get(0);
    NDArray sin = tables.get(1);
    int half = rotaryDim / 2;
    if (interleaved) {
      return applyInterleaved(x, cos, sin);
    }
    NDArray x1 = x.get("..., :" + half);
    NDArray x2 = x.get("..., " + half + ":" + rotaryDim);
    NDArray rotated = x1.mul(cos).sub(x2.mul(sin)).concat(x2.mul(cos).add(x1.mul(sin)), 3);
    return rotaryDim == headDim ? rotated : rotated.concat(x.get("..., " + rotaryDim + ":"), 3);
  }

  /** GPT-J's rotation: component 2j and 2j + 1 of each head form pair j. */
  private NDArray applyInterleaved(NDArray x, NDArray cos, NDArray sin) {
    Shape s = x.getShape(); // [B, T, heads, hs]
    NDArray pairs = x.get("..., :" + rotaryDim)
        .reshape(s.get(0), s.get(1), s.get(2), rotaryDim / 2, 2); // [B, T, heads, rd/2, 2]
    NDArray x1 = pairs.get("..., 0"); // [B, T, heads, rd/2]: even components
    NDArray x2 = pairs.get("..., 1"); // odd components
    NDArray rotated = NDArrays.stack(
            new NDList(x1.mul(cos).sub(x2.mul(sin)), x2.mul(cos).add(x1.mul(sin))), 4)
        .reshape(s.get(0), s.get(1), s.get(2), rotaryDim); // [B, T, heads, rd], pairs interleaved
    return rotaryDim == headDim ? rotated : rotated.concat(x.get("..., " + rotaryDim + ":"), 3);
  }
}

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
  private final double[] invFreq;

  public RotaryEmbedding(ModelConfig config) {
    this.headDim = config.headDim();
    this.rotaryDim = config.rotaryDim();
    this.interleaved = config.attention().interleavedRotary();
    this.theta = config.ropeTheta();
    this.scaling = config.ropeScaling();
    this.maxPositions = config.maxPositions();
    this.invFreq = inverseFrequencies(theta);
  }

  /** inv_freq[j] = 1 / base^(2j / rd), then the static scalings (linear, llama3). */
  private double[] inverseFrequencies(double base) {
    int half = rotaryDim / 2;
    double[] f = new double[half];
    for (int j = 0; j < half; j++) {
      f[j] = 1.0 / Math.pow(base, (2.0 * j) / rotaryDim);
    }
    if (scaling == null) {
      return f;
    }
    switch (scaling.type()) {
      case "linear" -> {
        for (int j = 0; j < half; j++) {
          f[j] /= scaling.factor();
        }
      }
      case "llama3" -> {
        // Llama 3.1: keep high frequencies, divide low ones by factor, blend in between.
        double original = scaling.originalMaxPositions();
        double lowWavelen = original / scaling.lowFreqFactor();
        double highWavelen = original / scaling.highFreqFactor();
        for (int j = 0; j < half; j++) {
          double wavelen = 2 * Math.PI / f[j];
          if (wavelen > lowWavelen) {
            f[j] /= scaling.factor();
          } else if (wavelen >= highWavelen) {
            double smooth = (original / wavelen - scaling.lowFreqFactor())
                / (scaling.highFreqFactor() - scaling.lowFreqFactor());
            f[j] = (1 - smooth) * f[j] / scaling.factor() + smooth * f[j];
          }
        }
      }
      default -> { } // "dynamic" depends on the sequence length: see frequenciesFor
    }
    return f;
  }

  /** Dynamic NTK scaling raises the base once a sequence outgrows the trained length. */
  private double[] frequenciesFor(long length) {
    if (scaling == null || !scaling.type().equals("dynamic") || length <= maxPositions) {
      return invFreq;
    }
    double factor = scaling.factor();
    double base = theta
        * Math.pow(factor * length / maxPositions - (factor - 1), rotaryDim / (rotaryDim - 2.0));
    return inverseFrequencies(base);
  }

  /** cos and sin of pos * invFreq for positions 0..t-1, each [1, T, 1, rd/2], in float32. */
  public NDList tables(NDManager manager, long t) {
    double[] f = frequenciesFor(t);
    int half = f.length;
    float[] cos = new float[Math.toIntExact(t * half)];
    float[] sin = new float[cos.length];
    for (int pos = 0; pos < t; pos++) {
      for (int j = 0; j < half; j++) {
        double angle = pos * f[j];
        cos[pos * half + j] = (float) Math.cos(angle);
        sin[pos * half + j] = (float) Math.sin(angle);
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

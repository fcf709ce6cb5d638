package xent.model;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * RoPE frequency scaling from a Hugging Face config's {@code rope_scaling} / {@code
 * rope_parameters}, with the inverse frequencies and the attention factor each type implies as
 * transformers' {@code modeling_rope_utils} computes them.
 *
 * @param type "linear", "dynamic", "llama3", "yarn" or "longrope"
 * @param factor scaling factor (greater than or equal to 1; longrope: only informative)
 * @param lowFreqFactor llama3 only: wavelengths above originalMaxPositions / lowFreqFactor are scaled
 * @param highFreqFactor llama3 only: wavelengths below originalMaxPositions / highFreqFactor are kept
 * @param originalMaxPositions context length the model was pre-trained with (llama3, yarn,
 *     longrope; unused by the others)
 * @param betaFast yarn only: rotations at which the ramp to extrapolation ends (HF default 32)
 * @param betaSlow yarn only: rotations at which it starts (HF default 1)
 * @param truncate yarn only: whether the ramp's ends are rounded to whole dimensions
 * @param shortFactor longrope only: per-frequency divisors for sequences up to originalMaxPositions
 * @param longFactor longrope only: the divisors for longer sequences
 * @param attentionFactor multiplies cos and sin (so q.k by its square): yarn and longrope, else 1
 */
public record RopeScaling(
    String type,
    double factor,
    double lowFreqFactor,
    double highFreqFactor,
    int originalMaxPositions,
    double betaFast,
    double betaSlow,
    boolean truncate,
    List<Double> shortFactor,
    List<Double> longFactor,
    double attentionFactor) {

  /** The types xent computes besides "default" (no scaling). */
  public static final Set<String> TYPES = Set.of("linear", "dynamic", "llama3", "yarn", "longrope");

  public RopeScaling {
    Objects.requireNonNull(type, "type");
    if (!TYPES.contains(type)) {
      throw new IllegalArgumentException(
          "rope_scaling type '" + type + "' is not supported (supported: " + TYPES + ")");
    }
    if (!(factor >= 1.0)) {
      throw new IllegalArgumentException("rope_scaling factor must be >= 1, found " + factor);
    }
    if (!(attentionFactor > 0)) {
      throw new IllegalArgumentException(
          "rope_scaling attention_factor must be positive, found " + attentionFactor);
    }
    shortFactor = List.copyOf(shortFactor);
    longFactor = List.copyOf(longFactor);
    if (type.equals("longrope") && (shortFactor.isEmpty()
        || shortFactor.size() != longFactor.size())) {
      throw new IllegalArgumentException("longrope needs short_factor and long_factor of one"
          + " length, found " + shortFactor.size() + " and " + longFactor.size());
    }
    if (type.equals("yarn") && !(betaFast > 0 && betaSlow > 0)) {
      throw new IllegalArgumentException(
          "yarn beta_fast and beta_slow must be positive, found " + betaFast + ", " + betaSlow);
    }
    if (Set.of("llama3", "yarn", "longrope").contains(type)
        && originalMaxPositions <= 0) {
      throw new IllegalArgumentException(type + " needs original_max_position_embeddings > 0,"
          + " found " + originalMaxPositions);
    }
  }

  /** linear, dynamic or llama3 scaling (the types without yarn's or longrope's parameters). */
  public RopeScaling(String type, double factor, double lowFreqFactor, double highFreqFactor,
      int originalMaxPositions) {
    this(type, factor, lowFreqFactor, highFreqFactor, originalMaxPositions, 0, 0, false,
        List.of(), List.of(), 1.0);
  }

  /** YaRN over a pre-trained context of {@code original} positions. */
  public static RopeScaling yarn(double factor, int original, double betaFast, double betaSlow,
      boolean truncate, double attentionFactor) {
    return new RopeScaling("yarn", factor, 0, 0, original, betaFast, betaSlow, truncate,
        List.of(), List.of(), attentionFactor);
  }

  /** LongRoPE with its two factor lists, switching above {@code original} positions. */
  public static RopeScaling longRope(List<Double> shortFactor, List<Double> longFactor,
      double factor, int original, double attentionFactor) {
    return new RopeScaling("longrope", factor, 0, 0, original, 0, 0, false, shortFactor,
        longFactor, attentionFactor);
  }

  /**
   * YaRN's default attention factor (HF's get_mscale): 0.1 * m * ln(factor) + 1 with m =
   * mscale / mscale_all_dim as a ratio when both are set and non-zero, else m = 1.
   */
  public static double yarnAttentionFactor(double factor, double mscale, double mscaleAllDim) {
    if (mscale != 0 && mscaleAllDim != 0) {
      return yarnMscale(factor, mscale) / yarnMscale(factor, mscaleAllDim);
    }
    return yarnMscale(factor, 1);
  }

  private static double yarnMscale(double scale, double m) {
    return scale <= 1 ? 1.0 : 0.1 * m * Math.log(scale) + 1.0;
  }

  /** LongRoPE's default attention factor: sqrt(1 + ln(factor) / ln(original)), 1 when factor <= 1. */
  public static double longRopeAttentionFactor(double factor, int original) {
    return factor <= 1 ? 1.0 : Math.sqrt(1 + Math.log(factor) / Math.log(original));
  }

  /**
   * Whether the frequencies depend on the length of the sequence fed to the model: longrope
   * (short or long factors) and dynamic (past max_position_embeddings).
   */
  public boolean dependsOnLength() {
    return type.equals("longrope") || type.equals("dynamic");
  }

  /**
   * A key that is equal for two sequence lengths exactly when they get the same frequencies, so
   * that sequences of one key can share a padded batch. HF decides from the length of the forward
   * call (max position + 1); xent from each window's own input length.
   */
  public long lengthClass(long length, int maxPositions) {
    return switch (type) {
      case "longrope" -> length > originalMaxPositions ? 1 : 0;
      case "dynamic" -> length > maxPositions ? length : 0;
      default -> 0;
    };
  }

  /**
   * The inverse frequencies of the {@code rotaryDim / 2} rotated pairs under this scaling, for a
   * sequence of {@code length} positions in a model of {@code maxPositions}
   * (max_position_embeddings, which dynamic scaling reads).
   */
  public double[] inverseFrequencies(double theta, int rotaryDim, long length, int maxPositions) {
    double base = theta;
    if (type.equals("dynamic") && length > maxPositions) {
      // NTK: raise the base once a sequence outgrows max_position_embeddings
      base = theta * Math.pow(factor * length / maxPositions - (factor - 1),
          rotaryDim / (rotaryDim - 2.0));
    }
    double[] f = unscaled(base, rotaryDim);
    switch (type) {
      case "linear" -> {
        for (int j = 0; j < f.length; j++) {
          f[j] /= factor;
        }
      }
      case "llama3" -> llama3(f);
      case "yarn" -> yarn(f, theta, rotaryDim);
      case "longrope" -> {
        List<Double> divisors = length > originalMaxPositions ? longFactor : shortFactor;
        if (divisors.size() != f.length) {
          throw new IllegalArgumentException("longrope factors list " + divisors.size()
              + " values for " + f.length + " rotated pairs");
        }
        for (int j = 0; j < f.length; j++) {
          f[j] /= divisors.get(j);
        }
      }
      default -> { } // dynamic: through the base
    }
    return f;
  }

  /** inv_freq[j] = 1 / base^(2j / rd). */
  static double[] unscaled(double base, int rotaryDim) {
    double[] f = new double[rotaryDim / 2];
    for (int j = 0; j < f.length; j++) {
      f[j] = 1.0 / Math.pow(base, (2.0 * j) / rotaryDim);
    }
    return f;
  }

  /** Llama 3.1: keep high frequencies, divide low ones by factor, blend in between. */
  private void llama3(double[] f) {
    double original = originalMaxPositions;
    double lowWavelen = original / lowFreqFactor;
    double highWavelen = original / highFreqFactor;
    for (int j = 0; j < f.length; j++) {
      double wavelen = 2 * Math.PI / f[j];
      if (wavelen > lowWavelen) {
        f[j] /= factor;
      } else if (wavelen >= highWavelen) {
        double smooth = (original / wavelen - lowFreqFactor) / (highFreqFactor - lowFreqFactor);
        f[j] = (1 - smooth) * f[j] / factor + smooth * f[j];
      }
    }
  }

  /**
   * YaRN: pair j keeps its frequency (extrapolation) below the dimension where it turns betaFast
   * times over the original context, is divided by factor (interpolation) above the one where it
   * turns betaSlow times, and blends linearly in between.
   */
  private void yarn(double[] f, double theta, int rotaryDim) {
    double low = correctionDim(betaFast, rotaryDim, theta);
    double high = correctionDim(betaSlow, rotaryDim, theta);
    if (truncate) {
      low = Math.floor(low);
      high = Math.ceil(high);
    }
    low = Math.max(low, 0);
    high = Math.min(high, rotaryDim - 1);
    if (low == high) {
      high += 0.001; // as HF: no division by zero
    }
    for (int j = 0; j < f.length; j++) {
      double ramp = Math.min(1, Math.max(0, (j - low) / (high - low)));
      double extrapolation = 1 - ramp;
      f[j] = f[j] / factor * ramp + f[j] * extrapolation;
    }
  }

  /** The (fractional) dimension whose pair turns {@code rotations} times over the original context. */
  private double correctionDim(double rotations, int rotaryDim, double theta) {
    return rotaryDim * Math.log(originalMaxPositions / (rotations * 2 * Math.PI))
        / (2 * Math.log(theta));
  }
}

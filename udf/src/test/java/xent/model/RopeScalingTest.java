package xent.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * xent's yarn, longrope and dynamic frequencies and attention factors against float64
 * implementations written here from transformers' definitions (modeling_rope_utils), on the
 * settings of published checkpoints. Both sides compute in double, so they agree to rounding.
 */
@Tag("fast")
class RopeScalingTest {

  private static final double DOUBLE = 1e-12;

  /** Phi-3.5-mini-instruct's rope_scaling (head_dim 96: 48 pairs). */
  private static final List<Double> PHI35_SHORT = List.of(1.0, 1.0199999809265137,
      1.0299999713897705, 1.0299999713897705, 1.0499999523162842, 1.0499999523162842,
      1.0499999523162842, 1.0499999523162842, 1.0499999523162842, 1.0699999332427979,
      1.0999999046325684, 1.1099998950958252, 1.1599998474121094, 1.1599998474121094,
      1.1699998378753662, 1.2899998426437378, 1.339999794960022, 1.679999828338623,
      1.7899998426437378, 1.8199998140335083, 1.8499997854232788, 1.8799997568130493,
      1.9099997282028198, 1.9399996995925903, 1.9899996519088745, 2.0199997425079346,
      2.0199997425079346, 2.0199997425079346, 2.0199997425079346, 2.0199997425079346,
      2.0199997425079346, 2.0299997329711914, 2.0299997329711914, 2.0299997329711914,
      2.0299997329711914, 2.0299997329711914, 2.0299997329711914, 2.0299997329711914,
      2.0299997329711914, 2.0299997329711914, 2.0799996852874756, 2.0899996757507324,
      2.189999580383301, 2.2199995517730713, 2.5899994373321533, 2.729999542236328,
      2.749999523162842, 2.8399994373321533);
  private static final List<Double> PHI35_LONG = List.of(1.0800000429153442, 1.1100000143051147,
      1.1399999856948853, 1.340000033378601, 1.5899999141693115, 1.600000023841858,
      1.6200000047683716, 2.620000123977661, 3.2300000190734863, 3.2300000190734863,
      4.789999961853027, 7.400000095367432, 7.700000286102295, 9.09000015258789,
      12.199999809265137, 17.670000076293945, 24.46000099182129, 28.57000160217285,
      30.420001983642578, 30.840002059936523, 32.590003967285156, 32.93000411987305,
      42.320003509521484, 44.96000289916992, 50.340003967285156, 50.45000457763672,
      57.55000305175781, 57.93000411987305, 58.21000289916992, 60.1400032043457,
      62.61000442504883, 62.62000274658203, 62.71000289916992, 63.1400032043457,
      63.1400032043457, 63.77000427246094, 63.93000411987305, 63.96000289916992,
      63.970001220703125, 64.02999877929688, 64.06999969482422, 64.08000183105469,
      64.12000274658203, 64.41000366210938, 64.4800033569336, 64.51000213623047,
      64.52999877929688, 64.83999633789062);

  // ---- the float64 definitions -------------------------------------------------------------

  /** theta^(-2j/d) for j < d/2. */
  private static double[] plain(double theta, int dim) {
    double[] out = new double[dim / 2];
    for (int j = 0; j < out.length; j++) {
      out[j] = Math.exp(-Math.log(theta) * 2 * j / dim);
    }
    return out;
  }

  /**
   * YaRN: the index where a pair turns n times over L positions is d ln(L / (2 pi n)) / (2 ln
   * theta); between the indices of beta_fast and beta_slow turns (floored / ceiled when
   * truncating, clamped to [0, d - 1]) the weight of the interpolated frequency rises linearly
   * in the index from 0 to 1.
   */
  private static double[] yarn(double theta, int dim, double factor, int original,
      double betaFast, double betaSlow, boolean truncate) {
    double lo = dim * Math.log(original / (2 * Math.PI * betaFast)) / (2 * Math.log(theta));
    double hi = dim * Math.log(original / (2 * Math.PI * betaSlow)) / (2 * Math.log(theta));
    if (truncate) {
      lo = Math.floor(lo);
      hi = Math.ceil(hi);
    }
    lo = Math.max(0, lo);
    hi = Math.min(dim - 1, hi);
    double width = hi == lo ? 0.001 : hi - lo;
    double[] base = plain(theta, dim);
    double[] out = new double[base.length];
    for (int j = 0; j < out.length; j++) {
      double interpolated = j <= lo ? 0 : j >= lo + width ? 1 : (j - lo) / width;
      out[j] = interpolated * (base[j] / factor) + (1 - interpolated) * base[j];
    }
    return out;
  }

  /** 0.1 m ln(s) + 1 (1 for s <= 1). */
  private static double mscale(double s, double m) {
    return s <= 1 ? 1 : 1 + 0.1 * m * Math.log(s);
  }

  /** LongRoPE: theta^(-2j/d) / factor_j, short factors up to the original length. */
  private static double[] longrope(double theta, int dim, List<Double> factors) {
    double[] base = plain(theta, dim);
    for (int j = 0; j < base.length; j++) {
      base[j] = base[j] / factors.get(j);
    }
    return base;
  }

  private static void assertClose(double[] expected, double[] actual) {
    assertEquals(expected.length, actual.length, "pairs");
    for (int j = 0; j < expected.length; j++) {
      assertEquals(expected[j], actual[j], DOUBLE * expected[j], "pair " + j);
    }
  }

  // ---- the checks ---------------------------------------------------------------------------

  @Test
  void yarnOfQwen25WithFactorFourMatchesTheDefinition() {
    // Qwen2.5-7B-Instruct's long-context setting: theta 1e6, head_dim 128, original 32768
    RopeScaling qwen = RopeScaling.yarn(4.0, 32768, 32, 1, true,
        RopeScaling.yarnAttentionFactor(4.0, 0, 0));

    assertClose(yarn(1e6, 128, 4.0, 32768, 32, 1, true),
        qwen.inverseFrequencies(1e6, 128, 1000, 131072));
    assertEquals(mscale(4.0, 1), qwen.attentionFactor(), DOUBLE);
  }

  @Test
  void yarnOfDeepSeekWithMscaleAllDimAndNoTruncationMatchesTheDefinition() {
    // DeepSeek-V2-style: factor 40, original 4096, qk_rope_head_dim 64, mscale / mscale_all_dim
    double factor = RopeScaling.yarnAttentionFactor(40, 1.0, 0.707);
    RopeScaling deepSeek = RopeScaling.yarn(40, 4096, 32, 1, false, factor);

    assertClose(yarn(10000, 64, 40, 4096, 32, 1, false),
        deepSeek.inverseFrequencies(10000, 64, 4096, 163840));
    assertEquals(mscale(40, 1.0) / mscale(40, 0.707), factor, DOUBLE);
    // the two mscales equal (DeepSeek-V3's 1.0 and 1.0) cancel: no attention scaling
    assertEquals(1.0, RopeScaling.yarnAttentionFactor(40, 1.0, 1.0), DOUBLE);
    // mscale without mscale_all_dim is ignored by transformers
    assertEquals(mscale(40, 1), RopeScaling.yarnAttentionFactor(40, 0.707, 0), DOUBLE);
  }

  @Test
  void yarnRampTouchesTheFrequenciesBetweenItsEndsOnly() {
    double[] f = RopeScaling.yarn(4.0, 64, 32, 1, true, 1)
        .inverseFrequencies(10000, 64, 128, 256);
    double[] base = plain(10000, 64);

    assertEquals(base[0], f[0], DOUBLE * base[0], "fastest pair: extrapolated, kept");
    assertEquals(base[31] / 4, f[31], DOUBLE * base[31], "slowest pair: interpolated");
  }

  @Test
  void longropeOfPhi35MiniUsesShortFactorsUpToTheOriginalLengthAndLongOnesPastIt() {
    double attention = RopeScaling.longRopeAttentionFactor(131072.0 / 4096, 4096);
    RopeScaling phi = RopeScaling.longRope(PHI35_SHORT, PHI35_LONG, 32, 4096, attention);

    assertClose(longrope(10000, 96, PHI35_SHORT), phi.inverseFrequencies(10000, 96, 4096, 131072));
    assertClose(longrope(10000, 96, PHI35_LONG), phi.inverseFrequencies(10000, 96, 4097, 131072));
    assertEquals(Math.sqrt(1 + Math.log(32) / Math.log(4096)), attention, DOUBLE);
    assertEquals(1.0, RopeScaling.longRopeAttentionFactor(1.0, 4096));
    assertEquals(phi.lengthClass(1, 131072), phi.lengthClass(4096, 131072));
    assertNotEquals(phi.lengthClass(4096, 131072), phi.lengthClass(4097, 131072));
  }

  @Test
  void dynamicIsTheDefaultUpToMaxPositionsAndRaisesTheBasePastThem() {
    RopeScaling dynamic = new RopeScaling("dynamic", 4.0, 0, 0, 0);

    assertArrayEquals(plain(10000, 64), dynamic.inverseFrequencies(10000, 64, 2048, 2048),
        DOUBLE);
    double base = 10000 * Math.pow(4.0 * 3000 / 2048 - 3, 64 / 62.0);
    assertClose(plain(base, 64), dynamic.inverseFrequencies(10000, 64, 3000, 2048));
    assertEquals(dynamic.lengthClass(5, 2048), dynamic.lengthClass(2048, 2048));
    assertNotEquals(dynamic.lengthClass(2049, 2048), dynamic.lengthClass(2050, 2048));
  }
}

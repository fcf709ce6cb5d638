package xent.mixture;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Where a regression's recommended mixture may lie: near the mixtures it was fitted to. A
 * regression fitted to 16 random mixtures predicts well among them and says nothing reliable at a
 * corner of the simplex no run came near, which is where the least of its predictions often lies.
 * So the candidates are restricted to the data's support, those within the support radius (L1)
 * of an observed mixture, and the recommendation is the mean of the best {@link #TOP_SHARE} of
 * them: an average over the region the regression ranks best rather than its single noisiest
 * point (RegMix averages its top-k predicted mixtures the same way). A vertex is a candidate
 * like any other, and so can be recommended only where a run observed a mixture near it.
 *
 * @param radius the support radius: the largest L1 distance from an observed mixture to its
 *     nearest neighbour among the others, so every observed mixture is inside the support of the rest
 * @param supported candidates inside the support
 * @param averaged candidates averaged into the recommendation
 * @param w the recommended mixture
 */
record SupportedOptimum(double radius, int supported, int averaged, double[] w) {

  /** The share of the supported candidates that is averaged. */
  static final double TOP_SHARE = 0.1;

  SupportedOptimum {
    w = w.clone();
  }

  @Override
  public double[] w() {
    return w.clone();
  }

  static double radius(double[][] observed) {
    if (observed.length < 2) {
      throw new IllegalArgumentException("mixture support: need >= 2 observed mixtures, got " + observed.length);
    }
    double radius = 0;
    for (int n = 0; n < observed.length; n++) {
      double nearest = Double.POSITIVE_INFINITY;
      for (int m = 0; m < observed.length; m++) {
        if (m != n) {
          nearest = Math.min(nearest, l1(observed[n], observed[m]));
        }
      }
      radius = Math.max(radius, nearest);
    }
    return radius;
  }

  /** The mean of the best tenth of the candidates inside the support of {@code observed}. */
  static SupportedOptimum choose(double[][] observed, double[][] candidates, double[] values) {
    double radius = radius(observed);
    int[] inside = IntStream.range(0, candidates.length)
        .filter(c -> !Double.isNaN(values[c]) && distance(candidates[c], observed) <= radius)
        .boxed().sorted(Comparator.comparingDouble((Integer c) -> values[c]).thenComparingInt(c -> c))
        .mapToInt(Integer::intValue).toArray();
    if (inside.length == 0) {
      throw new IllegalArgumentException("mixture support: no candidate with a prediction lies within L1 " + radius
          + " of an observed mixture");
    }
    int top = Math.max(1, (int) Math.round(TOP_SHARE * inside.length));
    double[] w = new double[candidates[0].length];
    for (int t = 0; t < top; t++) {
      for (int i = 0; i < w.length; i++) {
        w[i] += candidates[inside[t]][i] / top;
      }
    }
    return new SupportedOptimum(radius, inside.length, top, w);
  }

  static double distance(double[] w, double[][] observed) {
    return Arrays.stream(observed).mapToDouble(o -> l1(w, o)).min().orElseThrow();
  }

  private static double l1(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += Math.abs(a[i] - b[i]);
    }
    return s;
  }
}

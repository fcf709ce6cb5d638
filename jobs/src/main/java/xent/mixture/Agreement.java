package xent.mixture;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;
import xent.map.BenchmarkRidge;

/** How well predictions agree with observations: Spearman's rho and the mean absolute error. */
final class Agreement {

  private Agreement() {}

  /**
   * Spearman's rank correlation: Pearson's correlation of the ranks, tied values sharing the
   * average of their ranks. NaN when either side is constant or has fewer than 2 values. Higher is
   * better.
   */
  static double spearman(double[] a, double[] b) {
    if (a.length != b.length) {
      throw new IllegalArgumentException("spearman: " + a.length + " values against " + b.length);
    }
    if (a.length < 2) {
      return Double.NaN;
    }
    return BenchmarkRidge.pearson(ranks(a), ranks(b));
  }

  /** Ranks 1..n, ties given the average of the ranks they span. */
  static double[] ranks(double[] values) {
    Integer[] order = IntStream.range(0, values.length).boxed().toArray(Integer[]::new);
    Arrays.sort(order, Comparator.comparingDouble(i -> values[i]));
    double[] ranks = new double[values.length];
    int start = 0;
    while (start < order.length) {
      int end = start;
      while (end + 1 < order.length && values[order[end + 1]] == values[order[start]]) {
        end++;
      }
      double rank = (start + end) / 2.0 + 1;
      for (int i = start; i <= end; i++) {
        ranks[order[i]] = rank;
      }
      start = end + 1;
    }
    return ranks;
  }

  /** Mean of |predicted - observed|; lower is better. */
  static double meanAbsoluteError(double[] predicted, double[] observed) {
    double sum = 0;
    for (int i = 0; i < predicted.length; i++) {
      sum += Math.abs(predicted[i] - observed[i]);
    }
    return sum / predicted.length;
  }
}

package xent.mixture;

import xent.statistics.Correlations;

/** How well predictions agree with observations: Spearman's rho and the mean absolute error. */
final class Agreement {

  private Agreement() {}

  /** Spearman's rank correlation ({@link Correlations#spearman}); higher is better. */
  static double spearman(double[] a, double[] b) {
    return Correlations.spearman(a, b);
  }

  /** Ranks 1..n, ties given the average of the ranks they span. */
  static double[] ranks(double[] values) {
    return Correlations.ranks(values);
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

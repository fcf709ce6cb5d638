package xent.detection;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import xent.statistics.Correlations;

/**
 * The ROC of a score that should be higher for positives (members, machine texts) than for
 * negatives: its area, its true-positive rate at a low false-positive rate, and the curve.
 *
 * @param positives scores of the positives, oriented so that higher means positive
 * @param negatives scores of the negatives, same orientation
 */
public record Roc(double[] positives, double[] negatives) {

  public Roc {
    if (positives.length == 0 || negatives.length == 0) {
      throw new IllegalArgumentException("a ROC needs positives and negatives, found "
          + positives.length + " and " + negatives.length);
    }
    for (double[] side : List.of(positives, negatives)) {
      for (double v : side) {
        if (!Double.isFinite(v)) {
          throw new IllegalArgumentException("ROC scores must be finite, found " + v);
        }
      }
    }
    positives = positives.clone();
    negatives = negatives.clone();
  }

  /**
   * The area under the curve: the probability that a random positive scores above a random
   * negative, ties counting one half (the Mann-Whitney U over n1 n0, from average ranks).
   */
  public double auroc() {
    double[] all = new double[positives.length + negatives.length];
    System.arraycopy(positives, 0, all, 0, positives.length);
    System.arraycopy(negatives, 0, all, positives.length, negatives.length);
    double[] ranks = Correlations.ranks(all);
    double rankSum = 0;
    for (int i = 0; i < positives.length; i++) {
      rankSum += ranks[i];
    }
    double n1 = positives.length;
    return (rankSum - n1 * (n1 + 1) / 2) / (n1 * negatives.length);
  }

  /**
   * The largest fraction of positives flagged by a threshold that flags at most {@code fpr} of
   * the negatives (MIMIR's TPR at low FPR): a score flags when strictly above the threshold.
   */
  public double tprAt(double fpr) {
    double[] neg = negatives.clone();
    Arrays.sort(neg);
    int allowed = (int) Math.floor(fpr * neg.length); // negatives that may score above the threshold
    double threshold = neg[neg.length - 1 - allowed];
    int flagged = 0;
    for (double p : positives) {
      if (p > threshold) {
        flagged++;
      }
    }
    return (double) flagged / positives.length;
  }

  /** The curve's corners (FPR, TPR) from (0, 0) to (1, 1), one per distinct threshold. */
  public List<double[]> curve() {
    double[] thresholds = new double[positives.length + negatives.length];
    System.arraycopy(positives, 0, thresholds, 0, positives.length);
    System.arraycopy(negatives, 0, thresholds, positives.length, negatives.length);
    Arrays.sort(thresholds);
    double[] pos = positives.clone();
    double[] neg = negatives.clone();
    Arrays.sort(pos);
    Arrays.sort(neg);
    List<double[]> points = new ArrayList<>();
    points.add(new double[] {0, 0});
    for (int i = thresholds.length - 1; i >= 0; i--) {
      if (i < thresholds.length - 1 && thresholds[i] == thresholds[i + 1]) {
        continue;
      }
      double t = thresholds[i]; // flag scores >= t
      points.add(new double[] {atLeast(neg, t) / neg.length, atLeast(pos, t) / pos.length});
    }
    return points;
  }

  /**
   * A percentile bootstrap interval of the AUROC: positives and negatives resampled apart (the
   * benchmark's balance is kept), {@code resamples} times, from {@code seed}.
   *
   * @return {low, high} at the given central coverage (e.g. 0.95)
   */
  public double[] aurocInterval(double coverage, int resamples, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    double[] areas = new double[resamples];
    for (int b = 0; b < resamples; b++) {
      areas[b] = new Roc(resample(positives, random), resample(negatives, random)).auroc();
    }
    Arrays.sort(areas);
    double tail = (1 - coverage) / 2;
    return new double[] {quantile(areas, tail), quantile(areas, 1 - tail)};
  }

  private static double[] resample(double[] values, SplittableRandom random) {
    double[] out = new double[values.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = values[random.nextInt(values.length)];
    }
    return out;
  }

  /** The q-quantile of sorted values, linear between order statistics (numpy's default). */
  private static double quantile(double[] sorted, double q) {
    double position = q * (sorted.length - 1);
    int lower = (int) Math.floor(position);
    int upper = Math.min(sorted.length - 1, lower + 1);
    return sorted[lower] + (sorted[upper] - sorted[lower]) * (position - lower);
  }

  private static double atLeast(double[] sorted, double t) {
    int i = Arrays.binarySearch(sorted, t);
    if (i < 0) {
      return sorted.length - (-i - 1);
    }
    while (i > 0 && sorted[i - 1] == t) {
      i--;
    }
    return sorted.length - i;
  }
}

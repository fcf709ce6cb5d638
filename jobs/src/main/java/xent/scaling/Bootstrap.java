package xent.scaling;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Percentile bootstrap intervals of a fit's parameters. The unit resampled is the run: the points
 * of one run (the checkpoints of one curve, the domains of one model) are not independent, so
 * resampling them one by one would understate the spread. A table of one run can only resample
 * its points, and says so. Each resample is refitted from the full-data optimum (a warm start: the
 * full grid of starts on every resample would cost B times the fit), run to tight tolerances; a
 * resample whose fit fails or diverges is counted, not kept.
 */
public final class Bootstrap {

  /**
   * A parameter's interval.
   *
   * @param lower the interval reported: the percentile interval, widened to the estimate when it
   *     lies outside (the resampled fits then disagree with the full fit, and the verdict says so)
   * @param upper see lower
   * @param percentileLower the percentile interval itself
   * @param percentileUpper see percentileLower
   * @param standardError the standard deviation of the resampled values
   * @param estimate the full-data estimate
   */
  public record Interval(double lower, double upper, double percentileLower, double percentileUpper,
      double standardError, double estimate) {

    public boolean percentileHoldsEstimate() {
      return percentileLower <= estimate && estimate <= percentileUpper;
    }

    /** (upper - lower) / |estimate|: the interval's width as a multiple of the estimate. */
    public double relativeWidth() {
      return (upper - lower) / Math.abs(estimate);
    }
  }

  /**
   * The intervals and how they were drawn.
   *
   * @param resamples resamples drawn
   * @param failed resamples whose fit failed or gave a non-finite parameter
   * @param unit what was resampled: "runs" or "points of one run"
   * @param runs runs in the data
   * @param byName each parameter's interval, in the law's order (empty when every resample failed)
   */
  public record Result(int resamples, int failed, String unit, int runs, Map<String, Interval> byName) {}

  private final HuberFit fitter;
  private final int resamples;
  private final double level;
  private final long seed;

  public Bootstrap(HuberFit fitter, int resamples, double level, long seed) {
    if (resamples < 2 || !(level > 0 && level < 1)) {
      throw new IllegalArgumentException("bootstrap: need >= 2 resamples and a level in (0, 1), got " + resamples + ", " + level);
    }
    this.fitter = fitter.tight();
    this.resamples = resamples;
    this.level = level;
    this.seed = seed;
  }

  public double level() {
    return level;
  }

  public Map<String, Interval> intervals(List<ScalingPoint> points, ScalingLawFit fit) {
    return resample(points, fit).byName();
  }

  public Result resample(List<ScalingPoint> points, ScalingLawFit fit) {
    Map<String, List<ScalingPoint>> byRun = new LinkedHashMap<>();
    for (ScalingPoint p : points) {
      byRun.computeIfAbsent(p.model(), k -> new ArrayList<>()).add(p);
    }
    List<List<ScalingPoint>> units = byRun.size() > 1
        ? new ArrayList<>(byRun.values())
        : points.stream().map(List::of).toList();
    List<String> names = fit.law().parameterNames();
    List<double[]> draws = new ArrayList<>();
    Random random = new Random(seed);
    int failed = 0;
    for (int r = 0; r < resamples; r++) {
      List<ScalingPoint> resample = new ArrayList<>(points.size());
      for (int i = 0; i < units.size(); i++) {
        resample.addAll(units.get(random.nextInt(units.size())));
      }
      double[] values = refit(resample, fit);
      if (values == null) {
        failed++;
      } else {
        draws.add(values);
      }
    }
    Map<String, Interval> intervals = new LinkedHashMap<>();
    double[] estimates = fit.law().parameters(fit.theta());
    for (int k = 0; k < names.size() && draws.size() >= 2; k++) {
      int index = k;
      double[] sorted = draws.stream().mapToDouble(d -> d[index]).sorted().toArray();
      double tail = (1 - level) / 2;
      double low = quantile(sorted, tail);
      double high = quantile(sorted, 1 - tail);
      double estimate = estimates[k];
      intervals.put(names.get(k), new Interval(Math.min(low, estimate), Math.max(high, estimate), low, high,
          standardDeviation(sorted), estimate));
    }
    return new Result(resamples, failed, byRun.size() > 1 ? "runs" : "points of one run", byRun.size(), intervals);
  }

  private double[] refit(List<ScalingPoint> resample, ScalingLawFit fit) {
    try {
      double[] values = fit.law().parameters(fitter.fitFrom(resample, List.of(fit.theta())).theta());
      return Arrays.stream(values).allMatch(Double::isFinite) ? values : null;
    } catch (IllegalArgumentException | IllegalStateException e) {
      return null; // too few distinct points, or no finite start: a failed resample
    }
  }

  /** Linear interpolation between order statistics (NumPy's default). */
  static double quantile(double[] sorted, double q) {
    double position = q * (sorted.length - 1);
    int below = (int) Math.floor(position);
    int above = Math.min(below + 1, sorted.length - 1);
    return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
  }

  private static double standardDeviation(double[] values) {
    double mean = Arrays.stream(values).average().orElseThrow();
    return Math.sqrt(Arrays.stream(values).map(v -> (v - mean) * (v - mean)).sum() / (values.length - 1));
  }
}

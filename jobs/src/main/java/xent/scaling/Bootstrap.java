package xent.scaling;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Percentile bootstrap intervals of a fit's parameters: the points resampled with replacement,
 * the law refitted on each resample from the full-data optimum (a warm start: the full grid of
 * starts on every resample would cost B times the fit), run to tight tolerances.
 */
public final class Bootstrap {

  /** A parameter's interval and the spread of its resampled values. */
  public record Interval(double lower, double upper, double standardError) {}

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

  public Map<String, Interval> intervals(List<ScalingPoint> points, ScalingLawFit fit) {
    List<String> names = fit.law().parameterNames();
    double[][] draws = new double[names.size()][resamples];
    Random random = new Random(seed);
    for (int r = 0; r < resamples; r++) {
      List<ScalingPoint> resample = new ArrayList<>(points.size());
      for (int i = 0; i < points.size(); i++) {
        resample.add(points.get(random.nextInt(points.size())));
      }
      double[] values = fit.law().parameters(fitter.fitFrom(resample, List.of(fit.theta())).theta());
      for (int k = 0; k < names.size(); k++) {
        draws[k][r] = values[k];
      }
    }
    Map<String, Interval> intervals = new LinkedHashMap<>();
    for (int k = 0; k < names.size(); k++) {
      double[] sorted = draws[k].clone();
      Arrays.sort(sorted);
      double tail = (1 - level) / 2;
      intervals.put(names.get(k), new Interval(quantile(sorted, tail), quantile(sorted, 1 - tail), standardDeviation(sorted)));
    }
    return intervals;
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

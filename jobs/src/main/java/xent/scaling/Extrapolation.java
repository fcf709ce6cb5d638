package xent.scaling;

import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * Extrapolation error: the law fitted without the points of the {@code k} largest sizes (distinct
 * values of the law's size variable: N, or D for kaplan-d, C for power-plus-constant, S1 for
 * lr-annealing), then scored on them.
 *
 * @param heldOut points held out
 * @param threshold the smallest held-out size
 * @param fit the fit on the rest
 * @param meanAbsoluteError mean |predicted / observed - 1| on the held-out points
 * @param maxAbsoluteError max |predicted / observed - 1| on them
 */
public record Extrapolation(int heldOut, double threshold, ScalingLawFit fit, double meanAbsoluteError,
    double maxAbsoluteError) {

  public static Extrapolation holdOutLargest(HuberFit fitter, List<ScalingPoint> points, int k) {
    ToDoubleFunction<ScalingPoint> size = size(fitter.law());
    double[] sizes = points.stream().mapToDouble(size).distinct().sorted().toArray();
    if (k < 1 || k >= sizes.length) {
      throw new IllegalArgumentException("--holdout-largest " + k + ": must be in [1, " + sizes.length
          + ") (the number of distinct sizes)");
    }
    double threshold = sizes[sizes.length - k];
    List<ScalingPoint> train = points.stream().filter(p -> size.applyAsDouble(p) < threshold).toList();
    List<ScalingPoint> test = points.stream().filter(p -> size.applyAsDouble(p) >= threshold).toList();
    ScalingLawFit fit = fitter.fit(train);
    double sum = 0;
    double max = 0;
    for (ScalingPoint p : test) {
      double error = Math.abs(fit.predict(p) / p.loss() - 1);
      sum += error;
      max = Math.max(max, error);
    }
    return new Extrapolation(test.size(), threshold, fit, sum / test.size(), max);
  }

  static ToDoubleFunction<ScalingPoint> size(ScalingLaw law) {
    return switch (law.name()) {
      case "kaplan-d" -> ScalingPoint::d;
      case "power-plus-constant" -> ScalingPoint::c;
      case "lr-annealing" -> ScalingPoint::s1;
      default -> ScalingPoint::n;
    };
  }
}

package xent.scaling;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.apache.commons.math3.stat.correlation.PearsonsCorrelation;

/**
 * Whether a fit is identified: whether the runs pin its exponents down, or only fit them.
 *
 * <p>A fit is identified when it has more runs than parameters, more than one value of each
 * variable the law depends on, N and D not collinear (Chinchilla), finite parameters, a bootstrap
 * in which at most a tenth of the resamples failed, every percentile interval holding its estimate,
 * and each exponent's interval narrower than {@link #EXPONENT_BOUND} times the exponent.
 *
 * <p>Why 0.5: an interval half as wide as the exponent, +-25%, is what it takes to tell apart the
 * exponents the literature argues about. Kaplan et al.'s compute-optimal N ~ C^0.73 and Hoffmann
 * et al.'s C^0.50 differ by 46%; Chinchilla's alpha 0.34 and Kaplan's alpha_N 0.076 by a factor of
 * 4. A wider interval contains both sides of such an argument, and the fit settles nothing.
 *
 * @param identified whether every check passed
 * @param reasons why not, one sentence each (empty when identified)
 */
public record Verdict(boolean identified, List<String> reasons) {

  public static final double EXPONENT_BOUND = 0.5;

  /** Above this |corr(log N, log D)| the fit cannot tell N's exponent from D's. */
  static final double COLLINEAR = 0.98;

  /** More failed resamples than this share, and the intervals describe the resamples that fitted. */
  static final double FAILED_SHARE = 0.1;

  public Verdict {
    reasons = List.copyOf(reasons);
  }

  public static Verdict of(ScalingLawFit fit, List<ScalingPoint> points, Bootstrap.Result bootstrap) {
    ScalingLaw law = fit.law();
    List<String> reasons = new ArrayList<>();
    long runs = points.stream().map(ScalingPoint::model).distinct().count();
    int parameters = law.parameterNames().size();
    if (runs <= parameters && !law.name().equals("lr-annealing")) {
      reasons.add("too few runs: " + runs + " runs for " + parameters + " parameters");
    }
    for (Variable v : variables(law)) {
      long distinct = points.stream().mapToDouble(v.value()).distinct().count();
      if (distinct < 2) {
        reasons.add("one " + v.name() + ": every point has " + v.symbol() + " = " + v.value().applyAsDouble(points.get(0)));
      }
    }
    if (law instanceof ChinchillaLaw && points.size() > 2) {
      double r = new PearsonsCorrelation().correlation(
          points.stream().mapToDouble(p -> Math.log(p.n())).toArray(),
          points.stream().mapToDouble(p -> Math.log(p.d())).toArray());
      if (Math.abs(r) > COLLINEAR) {
        reasons.add(String.format("N and D collinear: corr(log N, log D) = %.3f, so the fit cannot tell alpha from beta", r));
      }
    }
    fit.parameters().forEach((name, value) -> {
      if (!Double.isFinite(value)) {
        reasons.add(name + " = " + value + ": the fit diverged, so the runs do not pin it down");
      }
    });
    if (bootstrap == null) {
      reasons.add("no bootstrap: run with --bootstrap B to judge the fit");
    } else {
      if (bootstrap.failed() > FAILED_SHARE * bootstrap.resamples()) {
        reasons.add(bootstrap.failed() + " of " + bootstrap.resamples() + " bootstrap resamples failed to fit");
      }
      for (Map.Entry<String, Bootstrap.Interval> e : bootstrap.byName().entrySet()) {
        Bootstrap.Interval i = e.getValue();
        if (Double.isFinite(i.estimate()) && !i.percentileHoldsEstimate()) {
          reasons.add(String.format("%s = %.4g lies outside its percentile interval [%.4g, %.4g]: the resampled fits"
              + " land elsewhere", e.getKey(), i.estimate(), i.percentileLower(), i.percentileUpper()));
        }
      }
      for (String exponent : law.exponents()) {
        Bootstrap.Interval i = bootstrap.byName().get(exponent);
        if (i != null && Double.isFinite(i.estimate()) && !(i.relativeWidth() <= EXPONENT_BOUND)) {
          reasons.add(String.format("%s = %.4g has the interval [%.4g, %.4g], %.3g times its size (identified: <= %s)",
              exponent, i.estimate(), i.lower(), i.upper(), i.relativeWidth(), EXPONENT_BOUND));
        }
      }
    }
    return new Verdict(reasons.isEmpty(), reasons);
  }

  private record Variable(String name, String symbol, ToDoubleFunction<ScalingPoint> value) {}

  private static List<Variable> variables(ScalingLaw law) {
    Variable size = new Variable("size", "N", ScalingPoint::n);
    Variable tokens = new Variable("token budget", "D", ScalingPoint::d);
    return switch (law.name()) {
      case "chinchilla" -> List.of(size, tokens);
      case "kaplan-d" -> List.of(tokens);
      case "power-plus-constant" -> List.of(new Variable("compute", "C", ScalingPoint::c));
      case "lr-annealing" -> List.of(new Variable("step", "S1", ScalingPoint::s1));
      default -> List.of(size);
    };
  }

  /** For tests and the report: the reasons as one line. */
  @Override
  public String toString() {
    return identified ? "identified" : "not identified: " + String.join("; ", reasons);
  }
}

package xent.scaling;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import xent.optimize.Lbfgs;
import xent.optimize.Minimum;
import xent.optimize.Objective;

/**
 * Fits a law by minimising the Huber loss of log-loss residuals, sum_i Huber(log L_i - log L(x_i)),
 * with L-BFGS from each of the law's starts, keeping the lowest objective (Hoffmann et al. 2022).
 *
 * <p>The maximum-likelihood variant (Besiroglu et al. 2024) treats the Huber loss of r / sigma as
 * a negative log-density and fits sigma too: sum_i Huber(r_i / sigma) + n log sigma + n log Z.
 * It starts from the plain fit's optimum with sigma at the scale its residuals imply.
 */
public final class HuberFit {

  private final ScalingLaw law;
  private final HuberLoss huber;
  private final boolean maximumLikelihood;
  private final Lbfgs lbfgs;

  public HuberFit(ScalingLaw law, HuberLoss huber, boolean maximumLikelihood) {
    this(law, huber, maximumLikelihood, Lbfgs.DEFAULT);
  }

  private HuberFit(ScalingLaw law, HuberLoss huber, boolean maximumLikelihood, Lbfgs lbfgs) {
    this.law = Objects.requireNonNull(law, "law");
    this.huber = Objects.requireNonNull(huber, "huber");
    this.maximumLikelihood = maximumLikelihood;
    this.lbfgs = lbfgs;
  }

  /**
   * The same fit with L-BFGS run to a gradient of 1e-10 and no relative-decrease stop. SciPy's
   * ftol is absolute below |f| = 1, and Huber objectives with delta = 1e-3 are ~1e-3: a warm start
   * from a nearby optimum would stop almost where it began.
   */
  public HuberFit tight() {
    return new HuberFit(law, huber, maximumLikelihood, new Lbfgs(10, 15_000, 1e-10, 0));
  }

  public ScalingLaw law() {
    return law;
  }

  /** The best fit over all the law's starts. */
  public ScalingLawFit fit(List<ScalingPoint> points) {
    return fitFrom(points, law.starts(points));
  }

  /** The best fit over the given starts (a warm start, for the bootstrap). */
  public ScalingLawFit fitFrom(List<ScalingPoint> points, List<double[]> starts) {
    if (points.size() < law.parameterNames().size()) {
      throw new IllegalArgumentException("law " + law.name() + " has " + law.parameterNames().size()
          + " parameters but only " + points.size() + " points to fit");
    }
    Objective plain = plainObjective(points);
    Minimum best = starts.parallelStream()
        .map(start -> minimizeFrom(plain, start))
        .filter(Objects::nonNull)
        .min(Comparator.comparingDouble(Minimum::value))
        .orElseThrow(() -> new IllegalStateException("law " + law.name()
            + ": the objective is not finite at any of the " + starts.size() + " starts"));
    if (!maximumLikelihood) {
      return new ScalingLawFit(law, best.x(), Double.NaN, best.value(), points.size());
    }
    return maximumLikelihoodFrom(points, best.x());
  }

  private Minimum minimizeFrom(Objective objective, double[] start) {
    if (!Double.isFinite(objective.evaluate(start, new double[start.length]))) {
      return null;
    }
    return lbfgs.minimize(objective, start);
  }

  private Objective plainObjective(List<ScalingPoint> points) {
    return (theta, gradient) -> {
      Arrays.fill(gradient, 0);
      double[] dLog = new double[theta.length];
      double sum = 0;
      for (ScalingPoint p : points) {
        double r = Math.log(p.loss()) - law.logLoss(theta, p, dLog);
        sum += huber.value(r);
        double slope = huber.slope(r);
        for (int k = 0; k < theta.length; k++) {
          gradient[k] -= slope * dLog[k];
        }
      }
      return sum;
    };
  }

  private ScalingLawFit maximumLikelihoodFrom(List<ScalingPoint> points, double[] theta) {
    int k = theta.length;
    int n = points.size();
    double logZ = huber.logNormaliser();
    Objective likelihood = (x, gradient) -> {
      Arrays.fill(gradient, 0);
      double[] dLog = new double[k];
      double sigma = Math.exp(x[k]);
      double sum = n * (x[k] + logZ);
      gradient[k] = n;
      for (ScalingPoint p : points) {
        double z = (Math.log(p.loss()) - law.logLoss(x, p, dLog)) / sigma;
        sum += huber.value(z);
        double slope = huber.slope(z);
        for (int j = 0; j < k; j++) {
          gradient[j] -= slope * dLog[j] / sigma;
        }
        gradient[k] -= slope * z;
      }
      return sum;
    };
    // Outside [-delta, delta] the objective is ~ delta sum|r| / sigma + n log sigma, least at
    // sigma = delta mean|r|; start there and at scales around it.
    double meanAbs = points.stream().mapToDouble(p -> Math.abs(Math.log(p.loss()) - Math.log(law.loss(theta, p)))).average().orElseThrow();
    Minimum best = null;
    for (double factor : new double[] {1, 1e3, 1e-1, 10}) {
      double[] start = Arrays.copyOf(theta, k + 1);
      start[k] = Math.log(Math.max(huber.delta() * meanAbs * factor, 1e-12));
      Minimum m = minimizeFrom(likelihood, start);
      if (m != null && (best == null || m.value() < best.value())) {
        best = m;
      }
    }
    double[] x = best.x();
    return new ScalingLawFit(law, Arrays.copyOf(x, k), Math.exp(x[k]), best.value(), n);
  }
}

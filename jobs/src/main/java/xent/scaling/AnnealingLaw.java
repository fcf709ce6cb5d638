package xent.scaling;

import java.util.ArrayList;
import java.util.List;

/**
 * Tissue et al. (2024), "Scaling Law with Learning Rate Annealing": the loss along a training run,
 * L(s) = L_0 + A S1^-alpha - C S2, with S1 and S2 the forward and annealing areas at step s
 * ({@link LearningRateAreas}). Fitted on whole loss curves. theta = (L_0, log A, alpha, C).
 */
public final class AnnealingLaw implements ScalingLaw {

  @Override
  public String name() {
    return "lr-annealing";
  }

  @Override
  public List<String> parameterNames() {
    return List.of("L0", "A", "alpha", "C");
  }

  /** NaN where the law predicts a loss <= 0: the line search then steps back. */
  @Override
  public double logLoss(double[] theta, ScalingPoint p, double[] gradient) {
    double power = Math.exp(theta[1] - theta[2] * Math.log(p.s1()));
    double loss = theta[0] + power - theta[3] * p.s2();
    if (!(loss > 0)) {
      return Double.NaN;
    }
    gradient[0] = 1 / loss;
    gradient[1] = power / loss;
    gradient[2] = -Math.log(p.s1()) * power / loss;
    gradient[3] = -p.s2() / loss;
    return Math.log(loss);
  }

  /** L_0 a fraction of the lowest loss, A through the median point, a few alpha and C. */
  @Override
  public List<double[]> starts(List<ScalingPoint> points) {
    ScalingPoint median = Medians.byLoss(points);
    double lowest = points.stream().mapToDouble(ScalingPoint::loss).min().orElseThrow();
    List<double[]> starts = new ArrayList<>();
    for (double f : new double[] {0.3, 0.6, 0.9}) {
      for (double alpha : new double[] {0.1, 0.3, 0.6, 1}) {
        for (double c : new double[] {0, 0.1, 1, 10}) {
          double l0 = f * lowest;
          double a = Math.log(Math.max(median.loss() - l0, 1e-6)) + alpha * Math.log(median.s1());
          starts.add(new double[] {l0, a, alpha, c});
        }
      }
    }
    return starts;
  }

  @Override
  public double[] parameters(double[] theta) {
    return new double[] {theta[0], Math.exp(theta[1]), theta[2], theta[3]};
  }

  @Override
  public double abscissa(ScalingPoint p) {
    return p.s1();
  }
}

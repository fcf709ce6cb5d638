package xent.scaling;

import java.util.ArrayList;
import java.util.List;

/**
 * Henighan et al. (2020), equation 1.1: L(x) = L_inf + (x_0 / x)^alpha_x, with x the training
 * compute C. theta = (log L_inf, alpha_x, log x_0); log L = LSE(log L_inf, alpha_x (log x_0 - log x)).
 */
public final class PowerPlusConstantLaw implements ScalingLaw {

  @Override
  public String name() {
    return "power-plus-constant";
  }

  @Override
  public List<String> parameterNames() {
    return List.of("L_inf", "x_0", "alpha_x");
  }

  @Override
  public double logLoss(double[] theta, ScalingPoint p, double[] gradient) {
    double t1 = theta[0];
    double gap = theta[2] - Math.log(p.c());
    double t2 = theta[1] * gap;
    double max = Math.max(t1, t2);
    double w1 = Math.exp(t1 - max);
    double w2 = Math.exp(t2 - max);
    double sum = w1 + w2;
    gradient[0] = w1 / sum;
    gradient[1] = w2 / sum * gap;
    gradient[2] = w2 / sum * theta[1];
    return max + Math.log(sum);
  }

  /** The reducible part a fraction f of the median loss, for several f and exponents. */
  @Override
  public List<double[]> starts(List<ScalingPoint> points) {
    ScalingPoint median = Medians.byLoss(points);
    List<double[]> starts = new ArrayList<>();
    for (double f : new double[] {0.1, 0.3, 0.5, 0.7, 0.9}) {
      for (double alpha : new double[] {0.02, 0.05, 0.1, 0.2, 0.5, 1}) {
        double reducible = f * median.loss();
        starts.add(new double[] {Math.log(median.loss() - reducible), alpha,
            Math.log(median.c()) + Math.log(reducible) / alpha});
      }
    }
    return starts;
  }

  @Override
  public double[] parameters(double[] theta) {
    return new double[] {Math.exp(theta[0]), Math.exp(theta[2]), theta[1]};
  }
}

package xent.scaling;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * Kaplan et al. (2020), equations 1.1 and 1.2: L(N) = (N_c / N)^alpha_N and L(D) = (D_c / D)^alpha_D.
 * theta = (alpha, log x_c).
 */
public final class KaplanLaw implements ScalingLaw {

  public static final KaplanLaw PARAMETERS = new KaplanLaw("kaplan-n", "N_c", "alpha_N", ScalingPoint::n);
  public static final KaplanLaw TOKENS = new KaplanLaw("kaplan-d", "D_c", "alpha_D", ScalingPoint::d);

  private final String name;
  private final String scaleName;
  private final String exponentName;
  private final ToDoubleFunction<ScalingPoint> variable;

  private KaplanLaw(String name, String scaleName, String exponentName, ToDoubleFunction<ScalingPoint> variable) {
    this.name = name;
    this.scaleName = scaleName;
    this.exponentName = exponentName;
    this.variable = variable;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public List<String> parameterNames() {
    return List.of(scaleName, exponentName);
  }

  @Override
  public double logLoss(double[] theta, ScalingPoint p, double[] gradient) {
    double gap = theta[1] - Math.log(variable.applyAsDouble(p));
    gradient[0] = gap;
    gradient[1] = theta[0];
    return theta[0] * gap;
  }

  /** Exponents 0.02 to 1, each with the scale that puts the law through the median point. */
  @Override
  public List<double[]> starts(List<ScalingPoint> points) {
    ScalingPoint median = Medians.byLoss(points);
    List<double[]> starts = new ArrayList<>();
    for (double alpha : new double[] {0.02, 0.05, 0.1, 0.3, 1}) {
      starts.add(new double[] {alpha, Math.log(variable.applyAsDouble(median)) + Math.log(median.loss()) / alpha});
    }
    return starts;
  }

  @Override
  public double[] parameters(double[] theta) {
    return new double[] {Math.exp(theta[1]), theta[0]};
  }

  @Override
  public double abscissa(ScalingPoint p) {
    return variable.applyAsDouble(p);
  }
}

package xent.scaling;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A fitted law: its parameters under the paper's names, and the fit's internal point.
 *
 * @param law the law
 * @param theta the law's internal parameters at the optimum
 * @param sigma the fitted residual scale of the maximum-likelihood objective, NaN for the plain one
 * @param objective the objective at the optimum
 * @param points how many points were fitted
 */
public record ScalingLawFit(ScalingLaw law, double[] theta, double sigma, double objective, int points) {

  public ScalingLawFit {
    if (theta.length != law.parameterNames().size()) {
      throw new IllegalArgumentException("fit of " + law.name() + ": theta has " + theta.length
          + " values, the law has " + law.parameterNames().size() + " parameters");
    }
    theta = theta.clone();
  }

  @Override
  public double[] theta() {
    return theta.clone();
  }

  /** The parameters by name, in the paper's order (e.g. E, A, B, alpha, beta). */
  public Map<String, Double> parameters() {
    double[] values = law.parameters(theta);
    List<String> names = law.parameterNames();
    Map<String, Double> byName = new LinkedHashMap<>();
    for (int i = 0; i < names.size(); i++) {
      byName.put(names.get(i), values[i]);
    }
    return byName;
  }

  public double parameter(String name) {
    Double value = parameters().get(name);
    if (value == null) {
      throw new IllegalArgumentException("law " + law.name() + " has no parameter '" + name + "'");
    }
    return value;
  }

  /** The predicted loss at p. */
  public double predict(ScalingPoint p) {
    return law.loss(theta, p);
  }
}

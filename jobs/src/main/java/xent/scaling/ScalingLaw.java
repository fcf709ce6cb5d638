package xent.scaling;

import java.util.List;

/**
 * A parametric law for the loss. Fits work on an internal parameter vector theta in which the law
 * is smooth (logs of scales, for instance); {@link #parameters} turns theta into the parameters
 * as the law's paper names them.
 */
public interface ScalingLaw {

  /** The name on the command line, e.g. {@code chinchilla}. */
  String name();

  /** The paper's parameter names, in the order of {@link #parameters}. */
  List<String> parameterNames();

  /** log of the predicted loss at p; writes d/dtheta of it into {@code gradient}. */
  double logLoss(double[] theta, ScalingPoint p, double[] gradient);

  /** The starting points of the fit, given the data (a grid, or guesses scaled to the data). */
  List<double[]> starts(List<ScalingPoint> points);

  /** theta as the paper's parameters. */
  double[] parameters(double[] theta);

  /** The exponents among the parameters (alpha, beta, ...): what an identified fit must pin down. */
  default List<String> exponents() {
    return parameterNames().stream().filter(n -> n.startsWith("alpha") || n.startsWith("beta")).toList();
  }

  /** The x axis of the law's loss plot: compute when known, else what the law depends on. */
  default double abscissa(ScalingPoint p) {
    return p.c();
  }

  /** The predicted loss at p. */
  default double loss(double[] theta, ScalingPoint p) {
    return Math.exp(logLoss(theta, p, new double[theta.length]));
  }

  /** The law by its command-line name. */
  static ScalingLaw named(String name) {
    return switch (name) {
      case "kaplan-n" -> KaplanLaw.PARAMETERS;
      case "kaplan-d" -> KaplanLaw.TOKENS;
      case "power-plus-constant" -> new PowerPlusConstantLaw();
      case "chinchilla" -> new ChinchillaLaw();
      case "lr-annealing" -> new AnnealingLaw();
      default -> throw new IllegalArgumentException("unknown scaling law '" + name
          + "': expected kaplan-n, kaplan-d, power-plus-constant, chinchilla or lr-annealing");
    };
  }
}

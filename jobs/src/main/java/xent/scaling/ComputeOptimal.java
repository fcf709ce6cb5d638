package xent.scaling;

/**
 * The compute-optimal allocation of a fitted Chinchilla law under C = 6 N D (Hoffmann et al. 2022,
 * appendix D.2): N*(C) = G (C / 6)^a and D*(C) = G^-1 (C / 6)^b, with G = (alpha A / (beta B))^(1 /
 * (alpha + beta)), a = beta / (alpha + beta) and b = alpha / (alpha + beta).
 */
public record ComputeOptimal(double g, double a, double b) {

  public static ComputeOptimal of(ScalingLawFit fit) {
    double alpha = fit.parameter("alpha");
    double beta = fit.parameter("beta");
    double g = Math.pow(alpha * fit.parameter("A") / (beta * fit.parameter("B")), 1 / (alpha + beta));
    return new ComputeOptimal(g, beta / (alpha + beta), alpha / (alpha + beta));
  }

  public double parameters(double compute) {
    return g * Math.pow(compute / 6, a);
  }

  public double tokens(double compute) {
    return Math.pow(compute / 6, b) / g;
  }
}

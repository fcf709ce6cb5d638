package xent.scaling;

/**
 * Huber's loss as SciPy's {@code scipy.special.huber(delta, r)} defines it: r^2 / 2 inside
 * [-delta, delta], delta (|r| - delta / 2) outside. Hoffmann et al. (2022) use delta = 1e-3 on
 * residuals of log loss.
 */
public record HuberLoss(double delta) {

  public static final HuberLoss CHINCHILLA = new HuberLoss(1e-3);

  public HuberLoss {
    if (!(delta > 0)) {
      throw new IllegalArgumentException("Huber delta must be positive, got " + delta);
    }
  }

  public double value(double r) {
    double a = Math.abs(r);
    return a <= delta ? 0.5 * r * r : delta * (a - 0.5 * delta);
  }

  /** d value / d r. */
  public double slope(double r) {
    return Math.abs(r) <= delta ? r : Math.copySign(delta, r);
  }

  /**
   * log of the integral of exp(-value(r)) over the real line: the normaliser of the density that
   * makes the Huber loss a negative log-likelihood (Besiroglu et al. 2024).
   */
  public double logNormaliser() {
    double inside = Math.sqrt(2 * Math.PI) * erf(delta / Math.sqrt(2));
    double tails = 2 * Math.exp(-0.5 * delta * delta) / delta;
    return Math.log(inside + tails);
  }

  /** Abramowitz and Stegun 7.1.26 (|error| < 1.5e-7): only for the normaliser, a constant. */
  private static double erf(double x) {
    double t = 1 / (1 + 0.3275911 * Math.abs(x));
    double poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
    return Math.copySign(1 - poly * Math.exp(-x * x), x);
  }
}

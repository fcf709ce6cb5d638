package xent.scaling;

/**
 * One observation a scaling law is fitted to. Columns a law does not use may be NaN.
 *
 * @param model the checkpoint (or run) it came from, for grouping and holdout
 * @param n parameters
 * @param d training tokens
 * @param c training compute in FLOP
 * @param s1 forward area: sum of the learning rates up to this step (Tissue et al. 2024)
 * @param s2 annealing area (Tissue et al. 2024), see {@link LearningRateAreas}
 * @param loss the loss, in nats per token (or any positive loss)
 */
public record ScalingPoint(String model, double n, double d, double c, double s1, double s2,
    double loss) {

  public ScalingPoint {
    if (!(loss > 0) || !Double.isFinite(loss)) {
      throw new IllegalArgumentException("scaling point of '" + model + "': loss must be positive and finite, got " + loss);
    }
  }

  /** A point of a Chinchilla-style table: parameters, tokens and compute only. */
  public static ScalingPoint ofSize(String model, double n, double d, double c, double loss) {
    return new ScalingPoint(model, n, d, c, Double.NaN, Double.NaN, loss);
  }
}

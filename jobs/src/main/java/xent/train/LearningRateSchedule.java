package xent.train;

/**
 * The learning rate at each optimizer step: a linear warmup to the peak, then cosine decay to
 * the minimum, or warmup-stable-decay (WSD: the peak held until the last {@code decayFraction}
 * of the steps, then a linear decay to the minimum).
 *
 * @param shape cosine or WSD
 * @param peak rate at the end of warmup
 * @param min rate at the last step
 * @param warmup steps of linear warmup: step s < warmup runs at peak * (s + 1) / warmup
 * @param steps total steps; the last one, steps - 1, runs at {@code min}
 * @param decayFraction WSD only: the share of all steps spent decaying, in (0, 1]
 */
public record LearningRateSchedule(
    Shape shape, double peak, double min, int warmup, int steps, double decayFraction) {

  /** How the rate falls after warmup. */
  public enum Shape {
    COSINE,
    WSD
  }

  public LearningRateSchedule {
    if (!(peak > 0) || !(min >= 0) || min > peak) {
      throw new IllegalArgumentException(
          "learning rates need 0 <= min <= peak and peak > 0, found min " + min + ", peak " + peak);
    }
    if (steps <= 0 || warmup < 0 || warmup >= steps) {
      throw new IllegalArgumentException(
          "need 0 <= warmup < steps, found warmup " + warmup + ", steps " + steps);
    }
    if (shape == Shape.WSD && !(decayFraction > 0 && decayFraction <= 1)) {
      throw new IllegalArgumentException("WSD decay fraction must be in (0, 1], found " + decayFraction);
    }
  }

  /** The rate of step {@code step} (0-based). */
  public double at(int step) {
    if (step < 0 || step >= steps) {
      throw new IllegalArgumentException("step " + step + " is outside 0.." + (steps - 1));
    }
    if (step < warmup) {
      return peak * (step + 1) / warmup;
    }
    if (shape == Shape.COSINE) {
      double progress = fraction(step - warmup, steps - 1 - warmup);
      return min + (peak - min) * 0.5 * (1 + Math.cos(Math.PI * progress));
    }
    int decayStart = Math.max(warmup, steps - (int) Math.round(decayFraction * steps));
    if (step < decayStart) {
      return peak;
    }
    return peak + (min - peak) * fraction(step - decayStart, steps - 1 - decayStart);
  }

  /** The rate of every step, in order (what the LR-annealing scaling fits need). */
  public double[] all() {
    double[] out = new double[steps];
    for (int s = 0; s < steps; s++) {
      out[s] = at(s);
    }
    return out;
  }

  private static double fraction(int done, int span) {
    return span <= 0 ? 1.0 : (double) done / span;
  }
}

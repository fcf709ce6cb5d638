package xent.scaling;

/**
 * The two areas of a learning-rate schedule in Tissue et al. (2024), "Scaling Law with Learning
 * Rate Annealing", at every step s = 1..S of a schedule eta_1..eta_S:
 *
 * <pre>
 * S1(s) = sum_{i<=s} eta_i                                 forward area
 * m_i   = lambda m_{i-1} + (eta_{i-1} - eta_i),  m_0 = 0   annealing momentum
 * S2(s) = sum_{i<=s} m_i                                   annealing area
 * </pre>
 *
 * with decay factor lambda = 0.999. Warmup is not annealing: steps up to the peak learning rate
 * add nothing to the momentum (their eta_{i-1} - eta_i would be negative), as the paper fits
 * schedules after warmup.
 *
 * @param s1 the forward area after each step
 * @param s2 the annealing area after each step
 */
public record LearningRateAreas(double[] s1, double[] s2) {

  public static final double DECAY = 0.999;

  public LearningRateAreas {
    if (s1.length != s2.length) {
      throw new IllegalArgumentException("S1 has " + s1.length + " steps, S2 " + s2.length);
    }
    s1 = s1.clone();
    s2 = s2.clone();
  }

  public static LearningRateAreas of(double[] learningRates) {
    return of(learningRates, DECAY);
  }

  public static LearningRateAreas of(double[] learningRates, double decay) {
    int steps = learningRates.length;
    int peak = 0;
    for (int i = 1; i < steps; i++) {
      if (learningRates[i] > learningRates[peak]) {
        peak = i;
      }
    }
    double[] s1 = new double[steps];
    double[] s2 = new double[steps];
    double forward = 0;
    double momentum = 0;
    double annealing = 0;
    for (int i = 0; i < steps; i++) {
      if (!(learningRates[i] >= 0)) {
        throw new IllegalArgumentException("learning rate of step " + (i + 1) + " is " + learningRates[i] + ", must be >= 0");
      }
      forward += learningRates[i];
      double drop = i > peak ? learningRates[i - 1] - learningRates[i] : 0;
      momentum = decay * momentum + drop;
      annealing += momentum;
      s1[i] = forward;
      s2[i] = annealing;
    }
    return new LearningRateAreas(s1, s2);
  }

  public int steps() {
    return s1.length;
  }

  /** S1 after {@code step} steps (1-based). */
  public double s1At(int step) {
    return step == 0 ? 0 : s1[step - 1];
  }

  /** S2 after {@code step} steps (1-based). */
  public double s2At(int step) {
    return step == 0 ? 0 : s2[step - 1];
  }
}

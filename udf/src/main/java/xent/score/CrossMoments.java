package xent.score;

/**
 * Cross terms of two models A and B at the same positions, float32 as the engine computed them.
 *
 * @param expectedLogprob E_{p_A}[log p_B] = sum_v p_A(v) log p_B(v), nats (minus the
 *     cross-entropy of B under A)
 * @param variance Var_{p_A}[log p_B], nats squared
 */
public record CrossMoments(float[] expectedLogprob, float[] variance) {

  public CrossMoments {
    if (expectedLogprob.length != variance.length) {
      throw new IllegalArgumentException("cross moments need arrays of one length, found "
          + expectedLogprob.length + " and " + variance.length);
    }
  }
}

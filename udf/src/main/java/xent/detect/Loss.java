package xent.detect;

/**
 * The loss attack (Yeom et al. 2018; MIMIR's LOSS), written as the mean log-likelihood per
 * token, mean_t l_t, i.e. minus the usual loss. Higher = more likely a member.
 */
public final class Loss {

  private Loss() {}

  /** mean_t l_t in nats, NaN for no tokens. */
  public static double score(float[] logprob) {
    return Sums.mean(logprob);
  }
}

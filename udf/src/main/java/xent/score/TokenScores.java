package xent.score;

/**
 * Per-token results for one document, in token order.
 *
 * @param logprob log p(token | context) in nats, float32 as the engine computed it
 * @param entropy entropy of the predicted distribution in nats, or null when not asked for
 * @param rank 1 + the number of vocabulary entries more probable than the token, or null
 */
public record TokenScores(float[] logprob, float[] entropy, int[] rank) {

  /** Number of scored tokens. */
  public int length() {
    return logprob.length;
  }

  /** The document log-likelihood: the per-token values summed in double. */
  public double sum() {
    double sum = 0;
    for (float lp : logprob) {
      sum += lp;
    }
    return sum;
  }
}

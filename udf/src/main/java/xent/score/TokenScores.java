package xent.score;

/**
 * Per-token results for one document, in token order; float32 as the engine computed them.
 *
 * @param logprob log p(token | context) in nats
 * @param entropy entropy H of the predicted distribution in nats, or null when not asked for
 * @param rank 1 + the number of vocabulary entries more probable than the token, or null
 * @param logprobVar variance of log p under p (sigma2 of ../shared/METRICS.md, nats squared),
 *     or null unless moments were asked for
 * @param logPartition logsumexp of the logits (LSE), or null unless moments were asked for
 */
public record TokenScores(
    float[] logprob, float[] entropy, int[] rank, float[] logprobVar, float[] logPartition) {

  /** Log-probs with optional entropy and rank, without moments. */
  public TokenScores(float[] logprob, float[] entropy, int[] rank) {
    this(logprob, entropy, rank, null, null);
  }

  /** Empty arrays for {@code n} tokens: the optional ones only where {@code options} ask. */
  static TokenScores allocate(int n, ScoringOptions options) {
    boolean moments = options.moments();
    return new TokenScores(
        new float[n],
        options.entropy() || moments ? new float[n] : null,
        options.rank() || moments ? new int[n] : null,
        moments ? new float[n] : null,
        moments ? new float[n] : null);
  }

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

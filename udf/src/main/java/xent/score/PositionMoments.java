package xent.score;

/**
 * What one streaming pass over the vocabulary gives per position, float32 as the engine
 * computed it (notation of ../shared/METRICS.md).
 *
 * @param logprob l = z[target] - LSE, nats
 * @param logPartition LSE = logsumexp(z), nats
 * @param entropy H = -sum_v p_v log p_v = -mu, nats
 * @param variance sigma2 = Var_p[log p] = sum_v p_v (log p_v)^2 - mu^2, nats squared
 * @param rank 1 + the number of vocabulary entries whose logit exceeds the target's
 */
public record PositionMoments(
    float[] logprob, float[] logPartition, float[] entropy, float[] variance, int[] rank) {

  public PositionMoments {
    int n = logprob.length;
    if (logPartition.length != n || entropy.length != n || variance.length != n || rank.length != n) {
      throw new IllegalArgumentException("moments of " + n + " positions need arrays of " + n
          + ", found " + logPartition.length + ", " + entropy.length + ", " + variance.length
          + ", " + rank.length);
    }
  }
}

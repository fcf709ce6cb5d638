package xent.detect;

/**
 * Binoculars (Hans et al. 2024, "Spotting LLMs With Binoculars: Zero-Shot Detection of
 * Machine-Generated Text"; ahans30/Binoculars binoculars/detector.py): the performer's mean
 * negative log-likelihood over the mean cross-perplexity, mean_t(-log p_perf(x_t)) /
 * mean_t(-sum_v p_obs,t(v) log p_perf,t(v)). Lower = more likely machine-written; the threshold
 * is specific to the model pair.
 *
 * <p>The paper puts the observer's log-likelihood in the numerator; the authors' code uses the
 * performer's, and so does this class. With the observer as model A and the performer as model B
 * of {@code xent.score.PairScorer}: numerator from B's log-probs, denominator from the cross terms.
 */
public final class Binoculars {

  private Binoculars() {}

  /**
   * @param performerLogprob log p_perf of the tokens
   * @param crossLogprob E_{p_obs}[log p_perf] per token
   * @return the score; NaN for no tokens
   */
  public static double score(float[] performerLogprob, float[] crossLogprob) {
    Sums.checkLengths("Binoculars", performerLogprob.length, crossLogprob.length);
    return Sums.mean(performerLogprob) / Sums.mean(crossLogprob); // both means negative: the ratio of NLLs
  }
}

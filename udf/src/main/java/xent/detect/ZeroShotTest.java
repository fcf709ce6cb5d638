package xent.detect;

/**
 * The zero-shot likelihood test statistic (Radvand et al., TaraRadvand74/llm-text-detection):
 * |mean_t l_t + mean_t H_t|, how far the text's log-likelihood is from what the model expects of
 * its own samples. Text written by this model keeps it near 0; reject "written by this model"
 * above an epsilon set at a target false-positive rate. Higher = less likely written by this
 * model (lower = more likely machine).
 */
public final class ZeroShotTest {

  private ZeroShotTest() {}

  /** The statistic in nats; NaN for no tokens. */
  public static double score(float[] logprob, float[] entropy) {
    Sums.checkLengths("zero-shot test", logprob.length, entropy.length);
    return Math.abs(Sums.mean(logprob) + Sums.mean(entropy));
  }
}

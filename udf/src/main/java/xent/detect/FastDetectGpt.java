package xent.detect;

/**
 * Fast-DetectGPT, analytic sampling discrepancy (Bao et al. 2024, "Fast-DetectGPT: Efficient
 * Zero-Shot Detection of Machine-Generated Text via Conditional Probability Curvature"):
 * (sum_t l_t - sum_t mu_t) / sqrt(sum_t sigma2_t), where mu_t and sigma2_t are the mean and
 * variance of the scoring model's log p under the sampling (reference) model's distribution.
 * Higher = more likely machine-written.
 */
public final class FastDetectGpt {

  private FastDetectGpt() {}

  /**
   * With the scoring model as its own reference: mu_t = -H_t and sigma2_t = Var_p[log p]. NaN
   * for no tokens.
   */
  public static double score(float[] logprob, float[] entropy, float[] logprobVar) {
    Sums.checkLengths("Fast-DetectGPT", logprob.length, entropy.length, logprobVar.length);
    return discrepancy(Sums.sum(logprob), -Sums.sum(entropy), Sums.sum(logprobVar), logprob.length);
  }

  /**
   * With a reference model A and a scoring model B sharing a tokenizer: {@code logprob} is log p_B
   * of the tokens, {@code crossLogprob} E_{p_A}[log p_B], {@code crossVar} Var_{p_A}[log p_B].
   */
  public static double scoreWithReference(float[] logprob, float[] crossLogprob, float[] crossVar) {
    Sums.checkLengths("Fast-DetectGPT", logprob.length, crossLogprob.length, crossVar.length);
    return discrepancy(Sums.sum(logprob), Sums.sum(crossLogprob), Sums.sum(crossVar), logprob.length);
  }

  private static double discrepancy(double logLikelihood, double expected, double variance, int n) {
    return n == 0 ? Double.NaN : (logLikelihood - expected) / Math.sqrt(variance);
  }
}

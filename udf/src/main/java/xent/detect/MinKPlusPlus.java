package xent.detect;

import java.io.Serializable;

/**
 * Min-K%++ (Zhang et al. 2024, "Min-K%++: Improved Baseline for Detecting Pre-Training Data";
 * zjysteven/mink-plus-plus): each token's log-prob standardised under the model's own
 * next-token distribution, (l_t - mu_t) / sigma_t with mu_t = -H_t and sigma_t^2 = Var_p[log p],
 * then the mean of the floor(kT) smallest, at least one token. Higher = more likely a member.
 *
 * <p>A near-deterministic position has sigma -> 0 and l - mu -> 0: the reference codes divide
 * 0 by 0 there (NaN). Here sigma is floored at {@code epsilon}, so such a token scores about 0.
 *
 * @param k fraction of the tokens averaged, in (0, 1]; 0.2 by default
 * @param epsilon floor of sigma_t in nats, > 0; 1e-6 by default
 */
public record MinKPlusPlus(double k, double epsilon) implements Serializable {

  public static final MinKPlusPlus DEFAULT = new MinKPlusPlus(0.2, 1e-6);

  public MinKPlusPlus {
    Sums.checkFraction("Min-K%++ k", k);
    if (!(epsilon > 0)) {
      throw new IllegalArgumentException("Min-K%++ epsilon must be > 0, found " + epsilon);
    }
  }

  /** The score (standard deviations); NaN for no tokens. */
  public double score(float[] logprob, float[] entropy, float[] logprobVar) {
    Sums.checkLengths("Min-K%++", logprob.length, entropy.length, logprobVar.length);
    if (logprob.length == 0) {
      return Double.NaN;
    }
    double[] z = new double[logprob.length];
    for (int i = 0; i < z.length; i++) {
      double sigma = Math.max(Math.sqrt(Math.max(0, logprobVar[i])), epsilon);
      z[i] = (logprob[i] + (double) entropy[i]) / sigma; // l - mu = l + H
    }
    return Sums.meanOfSmallest(z, Sums.lowest(k, z.length));
  }
}

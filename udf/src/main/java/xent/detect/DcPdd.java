package xent.detect;

import java.io.Serializable;
import java.util.HashSet;
import java.util.Set;

/**
 * DC-PDD (Zhang et al. 2024, "Pretraining Data Detection for Large Language Models: A
 * Divergence-based Calibration Method"; zhang-wei-chao/DC-PDD, ported cleanly as MIMIR's
 * attacks/dc_pdd.py): each token's probability calibrated by its rarity in a reference corpus,
 * alpha_t = min(p(x_t) log(1 / f(x_t)), a) with f the Laplace-smoothed unigram frequency, averaged
 * over the first occurrence of each token id only. Higher = more likely a member (MIMIR returns the
 * negative, its convention being lower = member).
 *
 * @param a the cap on each token's term, > 0; 0.01 by default
 */
public record DcPdd(double a) implements Serializable {

  public static final DcPdd DEFAULT = new DcPdd(0.01);

  public DcPdd {
    if (!(a > 0)) {
      throw new IllegalArgumentException("DC-PDD a must be > 0, found " + a);
    }
  }

  /**
   * The score; NaN for no tokens.
   *
   * @param tokens the scored token ids (not the prefix token), aligned with {@code logprob}
   */
  public double score(int[] tokens, float[] logprob, TokenCounts counts) {
    Sums.checkLengths("DC-PDD", tokens.length, logprob.length);
    Set<Integer> seen = new HashSet<>();
    double sum = 0;
    for (int t = 0; t < tokens.length; t++) {
      if (seen.add(tokens[t])) {
        double alpha = Math.exp(logprob[t]) * -Math.log(counts.frequency(tokens[t]));
        sum += Math.min(alpha, a);
      }
    }
    return seen.isEmpty() ? Double.NaN : sum / seen.size();
  }
}

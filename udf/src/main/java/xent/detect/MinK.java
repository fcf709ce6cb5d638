package xent.detect;

import java.io.Serializable;

/**
 * Min-K% Prob (Shi et al. 2023, "Detecting Pretraining Data from Large Language Models";
 * swj0419/detect-pretrain-code): the mean of the floor(kT) smallest token log-probs, at least one
 * token. Higher = more likely a member.
 *
 * @param k fraction of the tokens averaged, in (0, 1]; 0.2 by default
 */
public record MinK(double k) implements Serializable {

  public static final MinK DEFAULT = new MinK(0.2);

  public MinK {
    Sums.checkFraction("Min-K% k", k);
  }

  /** The score in nats; NaN for no tokens. */
  public double score(float[] logprob) {
    if (logprob.length == 0) {
      return Double.NaN;
    }
    double[] l = new double[logprob.length];
    for (int i = 0; i < l.length; i++) {
      l[i] = logprob[i];
    }
    return Sums.meanOfSmallest(l, Sums.lowest(k, l.length));
  }
}

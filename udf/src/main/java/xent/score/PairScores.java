package xent.score;

/**
 * Two models' per-token results for one document at the same positions, and the cross terms of
 * B under A (../shared/METRICS.md): A is the model whose distribution weighs (Binoculars'
 * observer, Fast-DetectGPT's reference), B the one whose log-probs are weighed (the performer, the
 * scoring model).
 *
 * @param a model A's scores, with moments
 * @param b model B's scores, with moments
 * @param crossLogprob E_{p_A}[log p_B] per token, nats
 * @param crossVar Var_{p_A}[log p_B] per token, nats squared
 */
public record PairScores(TokenScores a, TokenScores b, float[] crossLogprob, float[] crossVar) {

  public PairScores {
    int n = a.length();
    if (b.length() != n || crossLogprob.length != n || crossVar.length != n) {
      throw new IllegalArgumentException("pair scores of " + n + " tokens need arrays of " + n
          + ", found " + b.length() + ", " + crossLogprob.length + ", " + crossVar.length);
    }
  }
}

package xent.score;

import java.nio.charset.StandardCharsets;

/**
 * A scored document: its log-likelihood, its units, and optionally per-token values.
 *
 * @param logprob sum of token log-probabilities in nats (higher is better)
 * @param nTokens scored tokens (the prefix token is not counted)
 * @param nBytes UTF-8 bytes of the text
 * @param nWords words as lm-evaluation-harness counts them
 * @param tokens per-token values, or null when not kept
 */
public record DocumentScore(double logprob, long nTokens, long nBytes, long nWords, TokenScores tokens) {

  /** The score of {@code text} from its per-token values. */
  public static DocumentScore of(String text, TokenScores scores, boolean keepTokens) {
    return new DocumentScore(
        scores.sum(),
        scores.length(),
        text.getBytes(StandardCharsets.UTF_8).length,
        DocumentMetrics.words(text),
        keepTokens ? scores : null);
  }

  public double bitsPerByte() {
    return DocumentMetrics.bitsPerByte(logprob, nBytes);
  }

  public double bytePerplexity() {
    return DocumentMetrics.bytePerplexity(logprob, nBytes);
  }

  public double wordPerplexity() {
    return DocumentMetrics.wordPerplexity(logprob, nWords);
  }

  public double tokenPerplexity() {
    return DocumentMetrics.tokenPerplexity(logprob, nTokens);
  }
}

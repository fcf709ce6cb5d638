package xent.score;

/**
 * Per-document metrics with lm-evaluation-harness definitions, also applied to sums over many
 * documents (sum first, divide once, as lm-eval's weighted means do). Ratios with a zero
 * denominator are NaN.
 */
public final class DocumentMetrics {

  private static final double LN2 = Math.log(2);

  private DocumentMetrics() {}

  /**
   * Nats per token, {@code -logprob / n_tokens}: the mean cross-entropy; lower is better. Not
   * comparable across tokenizers.
   */
  public static double natsPerToken(double logprob, long nTokens) {
    return -logprob / nTokens;
  }

  /** Bits per UTF-8 byte, {@code -logprob / n_bytes / ln 2}; lower is better. */
  public static double bitsPerByte(double logprob, long nBytes) {
    return -logprob / nBytes / LN2;
  }

  /** {@code exp(-logprob / n_bytes)}; lower is better. */
  public static double bytePerplexity(double logprob, long nBytes) {
    return Math.exp(-logprob / nBytes);
  }

  /** {@code exp(-logprob / n_words)}; lower is better. */
  public static double wordPerplexity(double logprob, long nWords) {
    return Math.exp(-logprob / nWords);
  }

  /** {@code exp(-logprob / n_tokens)}; lower is better. Not comparable across tokenizers. */
  public static double tokenPerplexity(double logprob, long nTokens) {
    return Math.exp(-logprob / nTokens);
  }

  /**
   * Words as lm-evaluation-harness counts them: {@code len(re.split(r"\s+", text))}, so the
   * number of whitespace runs plus one (an empty text has one word, as there).
   */
  public static long words(String text) {
    long runs = 0;
    boolean inRun = false;
    for (int i = 0; i < text.length(); i++) {
      boolean space = isPythonSpace(text.charAt(i));
      if (space && !inRun) {
        runs++;
      }
      inRun = space;
    }
    return runs + 1;
  }

  /** Python's str.isspace for a UTF-16 unit: every whitespace character is in the BMP. */
  private static boolean isPythonSpace(char c) {
    return Character.isWhitespace(c) || Character.isSpaceChar(c) || c == '\u0085';
  }
}

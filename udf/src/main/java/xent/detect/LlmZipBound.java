package xent.detect;

import java.nio.charset.StandardCharsets;

/**
 * The LLMZip entropy upper bound (Valmeekam et al. 2023, "LLMZip: Lossless Text Compression using
 * Large Language Models"; vcskaushik/LLMzip): H_ub = sum_t -log2 p(x_t) over the characters of the
 * text, what an arithmetic coder driven by the model would spend. Lower = more compressible by the
 * model. The tokens' windows change the number (exact LLMZip slides a fixed window of 511 tokens by
 * one); here it is whatever windows the scorer used.
 */
public final class LlmZipBound {

  private static final double LN2 = Math.log(2);

  private LlmZipBound() {}

  /** Bits per character, counting characters as Python's len does (code points); NaN if empty. */
  public static double bitsPerCharacter(float[] logprob, String text) {
    return -Sums.sum(logprob) / LN2 / text.codePointCount(0, text.length());
  }

  /** Bits per UTF-8 byte; NaN for an empty text. */
  public static double bitsPerByte(float[] logprob, String text) {
    return -Sums.sum(logprob) / LN2 / text.getBytes(StandardCharsets.UTF_8).length;
  }
}

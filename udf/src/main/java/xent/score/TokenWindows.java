package xent.score;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a document of n tokens into the windows of the scoring convention (lm-evaluation-harness
 * {@code loglikelihood_rolling}, disjoint windows).
 */
public final class TokenWindows {

  private TokenWindows() {}

  /**
   * Windows that score every token of the document exactly once.
   *
   * <p>Without a stride (stride 0), windows are disjoint: each predicts at most maxLength tokens
   * and its input is the token before it plus its own tokens except the last. With a stride S,
   * the first window predicts maxLength tokens and each later one advances by S and predicts only
   * its S new tokens, reading up to maxLength tokens, so each scored token has at least
   * maxLength - S tokens of context.
   *
   * @param nTokens tokens in the document, not counting the prefix
   * @param maxLength most tokens a window feeds the model
   * @param stride 0 for disjoint windows, else 1 to maxLength
   */
  public static List<TokenWindow> plan(int nTokens, int maxLength, int stride) {
    if (nTokens < 0) {
      throw new IllegalArgumentException("token count must be >= 0, found " + nTokens);
    }
    if (maxLength < 1) {
      throw new IllegalArgumentException("max length must be >= 1, found " + maxLength);
    }
    if (stride < 0 || stride > maxLength) {
      throw new IllegalArgumentException(
          "stride must be 0 (disjoint windows) or between 1 and max length " + maxLength
              + ", found " + stride);
    }
    List<TokenWindow> windows = new ArrayList<>();
    int end = nTokens + 1; // positions in [prefix] + tokens
    if (nTokens == 0) {
      return windows;
    }
    int first = Math.min(1 + maxLength, end);
    windows.add(new TokenWindow(0, 1, first));
    int step = stride == 0 ? maxLength : stride;
    for (int start = first; start < end; start += step) {
      int stop = Math.min(start + step, end);
      int inputStart = stride == 0 ? start - 1 : Math.max(0, stop - 1 - maxLength);
      windows.add(new TokenWindow(inputStart, start, stop));
    }
    return windows;
  }
}

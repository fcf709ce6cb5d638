package xent.score;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a document of n tokens into the windows of the scoring convention: lm-evaluation-harness
 * {@code loglikelihood_rolling}, that is {@code get_rolling_token_windows(tokens, prefix,
 * max_seq_len = W, context_len = 1)} followed by {@code make_disjoint_window} (lm_eval/utils.py).
 *
 * <p>In positions of {@code s = [prefix] + tokens}: the first window reads {@code s[0, W)} and
 * predicts {@code s[1, W + 1)}; every later window predicts the next {@code min(W, remaining)}
 * tokens (with a stride S, the next {@code min(S, remaining)}) and its input is the W tokens that
 * end just before its last target, {@code inputStart = max(0, targetEnd - 1 - W)}. A full
 * disjoint window therefore has only the token before it as context, while a short last window is
 * right-aligned and keeps up to W - 1 tokens of context from the window before it. The prefix
 * token is context only and never scored.
 */
public final class TokenWindows {

  private TokenWindows() {}

  /**
   * Windows that score every token of the document exactly once.
   *
   * <p>Without a stride (stride 0), windows are disjoint: each predicts at most maxLength tokens.
   * With a stride S, the first window predicts maxLength tokens and each later one advances by S
   * and predicts only its S new tokens, so each scored token has at least maxLength - S tokens of
   * context (lm-eval's window generator with context_len = maxLength - S + 1). In both cases a
   * later window reads the maxLength tokens ending just before its last target.
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
      windows.add(new TokenWindow(Math.max(0, stop - 1 - maxLength), start, stop));
    }
    return windows;
  }
}

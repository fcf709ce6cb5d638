package xent.score;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link TokenWindows} against a line-by-line Java transcription of lm-evaluation-harness's
 * {@code get_rolling_token_windows} and {@code make_disjoint_window} (lm_eval/utils.py at
 * 4e7e0d4), run on token lists as lm-eval runs them, with Python's slice semantics. The model
 * input of a request is lm-eval's {@code (context + continuation)[:-1]} and its targets are the
 * continuation.
 */
class LmEvalRollingWindowsTest {

  private static final int PREFIX = -1;

  @Test
  void disjointWindowsAreLmEvalsLoglikelihoodRollingWindows() {
    for (int n = 0; n <= 60; n++) {
      for (int maxLength = 1; maxLength <= 9; maxLength++) {
        assertSameWindows(n, maxLength, 0, 1);
      }
    }
  }

  @Test
  void stridedWindowsAreLmEvalsRollingWindowsWithContextOfMaxLengthMinusStridePlusOne() {
    for (int n = 0; n <= 60; n++) {
      for (int maxLength = 1; maxLength <= 9; maxLength++) {
        for (int stride = 1; stride <= maxLength; stride++) {
          assertSameWindows(n, maxLength, stride, maxLength - stride + 1);
        }
      }
    }
  }

  private static void assertSameWindows(int n, int maxLength, int stride, int contextLen) {
    List<Integer> tokens = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      tokens.add(100 + i);
    }
    List<List<List<Integer>>> expected = new ArrayList<>();
    for (List<List<Integer>> pair : getRollingTokenWindows(tokens, PREFIX, maxLength, contextLen)) {
      List<List<Integer>> disjoint = makeDisjointWindow(pair);
      List<Integer> whole = new ArrayList<>(disjoint.get(0));
      whole.addAll(disjoint.get(1));
      expected.add(List.of(slice(whole, 0, -1), disjoint.get(1)));
    }
    List<Integer> s = new ArrayList<>();
    s.add(PREFIX);
    s.addAll(tokens);
    List<List<List<Integer>>> actual = new ArrayList<>();
    for (TokenWindow w : TokenWindows.plan(n, maxLength, stride)) {
      actual.add(
          List.of(
              s.subList(w.inputStart(), w.targetEnd() - 1),
              s.subList(w.targetStart(), w.targetEnd())));
    }
    assertEquals(expected, actual, "n=" + n + " W=" + maxLength + " stride=" + stride);
  }

  /** lm_eval.utils.get_rolling_token_windows, as written; each pair is (input, pred). */
  private static List<List<List<Integer>>> getRollingTokenWindows(
      List<Integer> tokenList, int prefixToken, int maxSeqLen, int contextLen) {
    if (!(1 <= contextLen && contextLen <= maxSeqLen)) {
      throw new AssertionError("context_len " + contextLen);
    }
    List<List<List<Integer>>> out = new ArrayList<>();
    if (tokenList.isEmpty()) {
      return out;
    }
    int predLen = maxSeqLen - contextLen + 1;
    int predicted = 0;
    int firstSeqLen = Math.min(maxSeqLen, tokenList.size());
    List<Integer> first = new ArrayList<>();
    first.add(prefixToken);
    first.addAll(slice(tokenList, 0, firstSeqLen - 1));
    out.add(List.of(first, slice(tokenList, 0, firstSeqLen)));
    predicted += firstSeqLen;
    while (predicted < tokenList.size()) {
      int windowPredLen = Math.min(tokenList.size() - predicted, predLen);
      int windowEnd = predicted + windowPredLen;
      out.add(
          List.of(
              slice(tokenList, windowEnd - maxSeqLen - 1, windowEnd - 1),
              slice(tokenList, windowEnd - windowPredLen, windowEnd)));
      predicted += windowPredLen;
    }
    return out;
  }

  /** lm_eval.utils.make_disjoint_window: {@code a[: len(a) - (len(b) - 1)], b}. */
  private static List<List<Integer>> makeDisjointWindow(List<List<Integer>> pair) {
    List<Integer> a = pair.get(0);
    List<Integer> b = pair.get(1);
    return List.of(slice(a, 0, a.size() - (b.size() - 1)), b);
  }

  /** Python's {@code list[start:stop]}: negative bounds count from the end, then clamp. */
  private static List<Integer> slice(List<Integer> list, int start, int stop) {
    int n = list.size();
    int from = Math.min(n, Math.max(0, start < 0 ? start + n : start));
    int to = Math.min(n, Math.max(0, stop < 0 ? stop + n : stop));
    return from >= to ? List.of() : new ArrayList<>(list.subList(from, to));
  }
}

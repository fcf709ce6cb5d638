package xent.score;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Windows pinned by hand on small documents, in positions of s = [prefix, t1 .. tn]; a window
 * (i, a, b) reads s[i, b - 1) and scores s[a, b). {@link LmEvalRollingWindowsTest} compares the
 * rule with a transcription of lm-eval's own functions.
 */
@Tag("fast")
class TokenWindowsTest {

  private static final int W = 4;

  @Test
  void documentShorterThanTheWindowIsOneWindowAfterThePrefix() {
    // reads prefix t1 t2, scores t1 t2 t3
    assertEquals(List.of(new TokenWindow(0, 1, 4)), TokenWindows.plan(3, W, 0));
    assertEquals(List.of(new TokenWindow(0, 1, 4)), TokenWindows.plan(3, W, 2));
  }

  @Test
  void documentOfExactlyOneWindowIsOneWindow() {
    assertEquals(List.of(new TokenWindow(0, 1, 5)), TokenWindows.plan(4, W, 0));
    assertEquals(List.of(new TokenWindow(0, 1, 5)), TokenWindows.plan(4, W, 2));
  }

  @Test
  void oneTokenPastTheWindowIsScoredWithTheWholeWindowBeforeItAsContext() {
    // the second window reads t1 t2 t3 t4 and scores t5 only, not just t4 -> t5
    assertEquals(
        List.of(new TokenWindow(0, 1, 5), new TokenWindow(1, 5, 6)), TokenWindows.plan(5, W, 0));
    assertEquals(
        List.of(new TokenWindow(0, 1, 5), new TokenWindow(1, 5, 6)), TokenWindows.plan(5, W, 2));
  }

  @Test
  void shortLastDisjointWindowIsRightAlignedAndFullWindowsReadOnlyTheTokenBefore() {
    // n = 2W + 3: t1..t4 | t4 -> t5..t8 | reads t7..t10, scores t9 t10 t11
    assertEquals(
        List.of(new TokenWindow(0, 1, 5), new TokenWindow(4, 5, 9), new TokenWindow(7, 9, 12)),
        TokenWindows.plan(2 * W + 3, W, 0));
  }

  @Test
  void stridedWindowsEachReadTheWindowEndingBeforeTheirLastTarget() {
    // n = 2W + 3, stride 2: every later window reads W tokens, the last one scores t11 only
    assertEquals(
        List.of(
            new TokenWindow(0, 1, 5),
            new TokenWindow(2, 5, 7),
            new TokenWindow(4, 7, 9),
            new TokenWindow(6, 9, 11),
            new TokenWindow(7, 11, 12)),
        TokenWindows.plan(2 * W + 3, W, 2));
  }

  @Test
  void strideEqualToTheWindowIsTheDisjointPlan() {
    for (int n = 0; n <= 40; n++) {
      assertEquals(TokenWindows.plan(n, W, 0), TokenWindows.plan(n, W, W), "n=" + n);
    }
  }

  @Test
  void prefixIsReadOnlyByTheFirstWindowAndNeverScored() {
    for (int n = 1; n <= 40; n++) {
      for (int maxLength = 1; maxLength <= 6; maxLength++) {
        for (int stride = 0; stride <= maxLength; stride++) {
          List<TokenWindow> windows = TokenWindows.plan(n, maxLength, stride);
          assertEquals(0, windows.get(0).inputStart());
          for (TokenWindow w : windows) {
            assertTrue(w.targetStart() >= 1, w.toString());
          }
          for (TokenWindow w : windows.subList(1, windows.size())) {
            assertTrue(w.inputStart() >= 1, "n=" + n + " W=" + maxLength + " " + w);
          }
        }
      }
    }
  }

  @Test
  void fullDisjointWindowsReadOnlyTheTokenBeforeThemAsContext() {
    List<TokenWindow> windows = TokenWindows.plan(1968, 128, 0); // 15 full windows + 48 tokens
    assertEquals(16, windows.size());
    for (TokenWindow w : windows.subList(0, 15)) {
      assertEquals(w.targetStart() - 1, w.inputStart());
      assertEquals(128, w.inputLength());
    }
    assertEquals(new TokenWindow(1969 - 1 - 128, 1921, 1969), windows.get(15));
  }

  @Test
  void scoresEveryTokenExactlyOnce() {
    for (int n : new int[] {1, 2, 7, 127, 128, 129, 1000}) {
      for (int maxLength : new int[] {1, 2, 5, 128}) {
        for (int stride = 0; stride <= maxLength; stride += Math.max(1, maxLength / 3)) {
          int[] seen = new int[n + 1];
          for (TokenWindow w : TokenWindows.plan(n, maxLength, stride)) {
            assertTrue(w.inputLength() <= maxLength, "window longer than max length: " + w);
            for (int p = w.targetStart(); p < w.targetEnd(); p++) {
              seen[p]++;
            }
          }
          for (int p = 1; p <= n; p++) {
            assertEquals(1, seen[p], "n=" + n + " W=" + maxLength + " S=" + stride + " pos " + p);
          }
        }
      }
    }
  }

  @Test
  void stridedWindowsGiveEveryLaterTokenAtLeastMaxLengthMinusStrideContext() {
    int maxLength = 64;
    int stride = 16;
    List<TokenWindow> windows = TokenWindows.plan(500, maxLength, stride);
    for (TokenWindow w : windows.subList(1, windows.size())) {
      assertTrue(w.targetStart() - w.inputStart() >= maxLength - stride, w.toString());
      assertEquals(maxLength, w.inputLength());
    }
  }

  @Test
  void strideIsOneWindowWhenTheDocumentFits() {
    assertEquals(List.of(new TokenWindow(0, 1, 51)), TokenWindows.plan(50, 64, 8));
    assertEquals(TokenWindows.plan(50, 64, 0), TokenWindows.plan(50, 64, 8));
  }

  @Test
  void emptyDocumentHasNoWindows() {
    assertEquals(List.of(), TokenWindows.plan(0, 16, 0));
  }

  @Test
  void rejectsStrideLongerThanTheWindowNamingBoth() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> TokenWindows.plan(10, 4, 5));
    assertEquals(
        "stride must be 0 (disjoint windows) or between 1 and max length 4, found 5",
        e.getMessage());
  }
}

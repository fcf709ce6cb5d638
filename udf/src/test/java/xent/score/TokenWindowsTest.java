package xent.score;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("fast")
class TokenWindowsTest {

  @Test
  void disjointWindowsMatchTheGoldList() {
    // 10 tokens, windows of 4: s = [prefix, t1..t10]
    assertEquals(
        List.of(new TokenWindow(0, 1, 5), new TokenWindow(4, 5, 9), new TokenWindow(8, 9, 11)),
        TokenWindows.plan(10, 4, 0));
  }

  @Test
  void disjointWindowsReadOnlyTheTokenBeforeThemAsContext() {
    for (TokenWindow w : TokenWindows.plan(1968, 128, 0)) {
      assertEquals(w.targetStart() - 1, w.inputStart());
      assertEquals(w.scoredLength(), w.inputLength());
      assertTrue(w.inputLength() <= 128);
    }
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
    assertTrue(e.getMessage().contains("stride") && e.getMessage().contains("4"), e.getMessage());
  }
}

package xent.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Compressed lengths equal Python's len(zlib.compress(text.encode())) (zlib 1.2.13, numbers
 * printed by python3 on this machine), wrapper included.
 */
@Tag("fast")
class ZlibRatioTest {

  /** 3000 words drawn by a 31-bit LCG, as the Python snippet in the test's comment draws them. */
  static String lcgText() {
    // python: x = 12345; for i in range(3000): x = (x * 1103515245 + 12345) % 2**31; words[(x >> 16) % 15]
    String[] words = "the cat sat on a mat and then ran far away from home into night".split(" ");
    StringBuilder text = new StringBuilder();
    long x = 12345;
    for (int i = 0; i < 3000; i++) {
      x = (x * 1103515245L + 12345) % 2147483648L;
      text.append(i == 0 ? "" : " ").append(words[(int) ((x >> 16) % 15)]);
    }
    return text.toString();
  }

  @Test
  void compressedLengthsMatchPythonsZlibCompressAtItsDefaultLevel() {
    ZlibRatio python = ZlibRatio.DEFAULT;
    assertEquals(60, python.compressedBytes("Once upon a time, there was a little girl named Lily."));
    assertEquals(8, python.compressedBytes("")); // 2-byte header, empty block, Adler-32
    assertEquals(12842, lcgText().length());
    assertEquals(2643, python.compressedBytes(lcgText()));
  }

  @Test
  void levelNineGivesAnotherLengthThanPythonsDefault() {
    assertEquals(2657, new ZlibRatio(9).compressedBytes(lcgText()));
  }

  @Test
  void refusesALevelOutsideOneToNineNamingIt() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ZlibRatio(0));
    assertEquals("zlib level must be 1 to 9, found 0", e.getMessage());
  }
}

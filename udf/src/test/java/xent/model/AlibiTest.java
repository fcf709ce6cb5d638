package xent.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** ALiBi's slopes as transformers' build_alibi_tensor computes them, in closed form. */
@Tag("fast")
class AlibiTest {

  @Test
  void slopesOfAPowerOfTwoHeadsAreTwoToTheMinusEightIOverHeads() {
    assertArrayEquals(new float[] {0x1p-1f, 0x1p-2f, 0x1p-3f, 0x1p-4f, 0x1p-5f, 0x1p-6f, 0x1p-7f,
        0x1p-8f}, Alibi.slopes(8));
    assertArrayEquals(new float[] {0x1p-2f, 0x1p-4f, 0x1p-6f, 0x1p-8f}, Alibi.slopes(4));
  }

  @Test
  void headsBeyondAPowerOfTwoTakeEveryOtherSlopeOfTwiceAsManyHeads() {
    // 6 heads: the 4-head slopes, then 2^(-4i/4) for i = 1, 3
    assertArrayEquals(new float[] {0x1p-2f, 0x1p-4f, 0x1p-6f, 0x1p-8f, 0x1p-1f, 0x1p-3f},
        Alibi.slopes(6));
    // 12 heads (BLOOM-560m has 16, BLOOM-1b1 16, BLOOM 176B 112): 8-head slopes + 2^(-i/2), odd i
    float[] twelve = Alibi.slopes(12);
    for (int j = 0; j < 4; j++) {
      assertEquals((float) Math.pow(2, -(2 * j + 1) / 2.0), twelve[8 + j], 0f, "head " + (8 + j));
    }
  }

  @Test
  void refusesZeroHeadsNamingTheCount() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Alibi.slopes(0));
    assertEquals("ALiBi needs at least one head, found 0", e.getMessage());
  }
}

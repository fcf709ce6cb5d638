package xent.model.checkpoint;

import java.util.Arrays;

/**
 * Round-to-nearest-even into F16 and BF16 computed the slow, obvious way (nearest element of the
 * enumerated value set), to check the bit-twiddling conversions against.
 */
final class HalfPrecisionOracle {

  /** Every non-negative finite half, indexed by its encoding (0 .. 0x7bff). */
  private static final double[] HALVES = new double[0x7c00];

  static {
    for (int m = 0; m < 1024; m++) {
      HALVES[m] = m * Math.pow(2, -24);
    }
    for (int e = 1; e < 31; e++) {
      for (int m = 0; m < 1024; m++) {
        HALVES[e * 1024 + m] = (1 + m / 1024.0) * Math.pow(2, e - 15);
      }
    }
  }

  private HalfPrecisionOracle() {}

  /** The F16 value nearest to {@code v} (ties to the even encoding); |v| must stay below 65504. */
  static float nearestF16(float v) {
    double a = Math.abs((double) v);
    int k = Arrays.binarySearch(HALVES, a);
    if (k < 0) {
      int above = -k - 1;
      double down = a - HALVES[above - 1];
      double up = HALVES[above] - a;
      k = down < up || (down == up && (above - 1) % 2 == 0) ? above - 1 : above;
    }
    return (float) Math.copySign(HALVES[k], v);
  }

  /** The BF16 value nearest to {@code v} (ties to the even encoding). */
  static float nearestBf16(float v) {
    int down = Float.floatToRawIntBits(v) & 0xffff0000;
    int up = down + 0x10000;
    double toDown = Math.abs((double) v - Float.intBitsToFloat(down));
    double toUp = Math.abs((double) Float.intBitsToFloat(up) - v);
    boolean downIsEven = ((down >>> 16) & 1) == 0;
    return Float.intBitsToFloat(toDown < toUp || (toDown == toUp && downIsEven) ? down : up);
  }
}

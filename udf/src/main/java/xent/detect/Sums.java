package xent.detect;

/** The double reductions the scores share. */
final class Sums {

  private Sums() {}

  static double sum(float[] values) {
    double s = 0;
    for (float v : values) {
      s += v;
    }
    return s;
  }

  /** Mean in double; NaN for an empty array. */
  static double mean(float[] values) {
    return values.length == 0 ? Double.NaN : sum(values) / values.length;
  }

  /** Mean of the {@code count} smallest values (count >= 1, at most values.length). */
  static double meanOfSmallest(double[] values, int count) {
    double[] sorted = values.clone();
    java.util.Arrays.sort(sorted);
    double s = 0;
    for (int i = 0; i < count; i++) {
      s += sorted[i];
    }
    return s / count;
  }

  /**
   * floor(k T) tokens, but at least 1: short documents (T < 1/k, e.g. T < 5 at k = 0.2) would
   * otherwise average nothing and give NaN, as the reference codes do.
   */
  static int lowest(double k, int tokens) {
    return Math.max(1, (int) Math.floor(k * tokens));
  }

  static void checkFraction(String what, double k) {
    if (!(k > 0 && k <= 1)) {
      throw new IllegalArgumentException(what + " must be in (0, 1], found " + k);
    }
  }

  static void checkLengths(String what, int n, int... others) {
    for (int m : others) {
      if (m != n) {
        throw new IllegalArgumentException(what + " needs per-token arrays of one length, found " + n + " and " + m);
      }
    }
  }
}

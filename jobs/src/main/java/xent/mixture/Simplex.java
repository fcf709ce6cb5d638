package xent.mixture;

/** Mixtures are points of the probability simplex: K weights, each >= 0, summing to 1. */
final class Simplex {

  static final double TOLERANCE = 1e-6;

  private Simplex() {}

  /** Returns w, or throws naming {@code what} when it is not a point of the K-simplex. */
  static double[] check(double[] w, int k, String what) {
    if (w.length != k) {
      throw new IllegalArgumentException(what + ": " + w.length + " weights, expected " + k);
    }
    double sum = 0;
    for (double v : w) {
      if (!(v >= 0) || Double.isInfinite(v)) {
        throw new IllegalArgumentException(what + ": weight " + v + " is not finite and >= 0");
      }
      sum += v;
    }
    if (Math.abs(sum - 1) > TOLERANCE) {
      throw new IllegalArgumentException(what + ": weights sum to " + sum + ", not 1 (within " + TOLERANCE + ")");
    }
    return w;
  }

  static double[] uniform(int k) {
    double[] w = new double[k];
    java.util.Arrays.fill(w, 1.0 / k);
    return w;
  }

  static double[] vertex(int k, int i) {
    double[] w = new double[k];
    w[i] = 1;
    return w;
  }
}

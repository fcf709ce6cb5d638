package xent.mixture;

/**
 * Exponentiated gradient (Kivinen and Warmuth 1997) on the simplex: w_i <- w_i exp(-eta g_i) / Z
 * stays a mixture by construction. The step grows by half after a step that lowers f and halves
 * after one that does not (the step is then undone). A step is taken when it lowers f or when the
 * slope of f at its end still points down the step.
 *
 * <p>Stops when the Frank-Wolfe gap g.w - min_i g_i is at most {@code gapTolerance}: for a convex f
 * (the MDE loss is: -log of a linear function, averaged) that gap bounds f(w) - min f.
 */
public final class ExponentiatedGradient {

  private final int maxEvaluations;
  private final double gapTolerance;

  public ExponentiatedGradient(int maxEvaluations, double gapTolerance) {
    if (maxEvaluations < 1 || !(gapTolerance > 0)) {
      throw new IllegalArgumentException("exponentiated gradient: evaluations " + maxEvaluations
          + " must be >= 1 and the gap tolerance " + gapTolerance + " > 0");
    }
    this.maxEvaluations = maxEvaluations;
    this.gapTolerance = gapTolerance;
  }

  public SimplexMinimum minimize(SimplexObjective f, double[] start) {
    int k = start.length;
    double[] w = Simplex.check(start, k, "exponentiated gradient start").clone();
    double[] g = new double[k];
    double fw = f.evaluate(w, g);
    double eta = 1;
    double[] candidate = new double[k];
    double[] gCandidate = new double[k];
    for (int evaluations = 1; evaluations < maxEvaluations; evaluations++) {
      if (gap(w, g) <= gapTolerance) {
        return new SimplexMinimum(w, fw, evaluations, true);
      }
      double gMin = Double.POSITIVE_INFINITY;
      for (double v : g) {
        gMin = Math.min(gMin, v);
      }
      double z = 0;
      for (int i = 0; i < k; i++) {
        // Shifted by min g so that no factor overflows; the normalisation removes the shift.
        candidate[i] = w[i] * Math.exp(-eta * (g[i] - gMin));
        z += candidate[i];
      }
      for (int i = 0; i < k; i++) {
        candidate[i] /= z;
      }
      double fCandidate = f.evaluate(candidate, gCandidate);
      if (fCandidate <= fw || descends(gCandidate, w, candidate)) {
        System.arraycopy(candidate, 0, w, 0, k);
        System.arraycopy(gCandidate, 0, g, 0, k);
        fw = fCandidate;
        eta *= 1.5;
      } else {
        eta /= 2;
      }
    }
    return new SimplexMinimum(w, fw, maxEvaluations, gap(w, g) <= gapTolerance);
  }

  /**
   * Whether f still decreases at the end of the step from w to v: g(v).(v - w) <= 0. For a convex f
   * that implies f(v) <= f(w); near the optimum it decides where differences of f are lost to rounding.
   */
  private static boolean descends(double[] gAtV, double[] w, double[] v) {
    double slope = 0;
    for (int i = 0; i < w.length; i++) {
      slope += gAtV[i] * (v[i] - w[i]);
    }
    return slope <= 0;
  }

  /** g.w - min_i g_i: the largest decrease the linearised f promises on the simplex. */
  static double gap(double[] w, double[] g) {
    double dot = 0;
    double min = Double.POSITIVE_INFINITY;
    for (int i = 0; i < w.length; i++) {
      dot += w[i] * g[i];
      min = Math.min(min, g[i]);
    }
    return dot - min;
  }
}

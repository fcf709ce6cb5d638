package xent.optimize;

/**
 * Limited-memory BFGS (Nocedal and Wright, algorithm 7.4 and 7.5) with a weak-Wolfe line search
 * by bracketing and bisection (Lewis and Overton 2013).
 *
 * <p>Written here rather than taken from a library: Apache Commons Math 3 and Hipparchus offer no
 * L-BFGS, Tribuo keeps its optimisers internal, and lbfgs4j is unmaintained. The fits are small
 * (a handful of parameters), so a plain dense implementation is all they need.
 *
 * <p>The stopping rules are SciPy's L-BFGS-B defaults, so fits compare with the literature's:
 * stop when the relative decrease of f in one iteration is at most {@code relativeTolerance}
 * (divided by max(|f|, 1)), or when the largest gradient component is at most
 * {@code gradientTolerance}.
 */
public final class Lbfgs {

  /** SciPy's L-BFGS-B defaults: memory 10, ftol 2.22e-9, gtol 1e-5, 15000 iterations. */
  public static final Lbfgs DEFAULT = new Lbfgs(10, 15_000, 1e-5, 2.220446049250313e-9);

  private static final double ARMIJO = 1e-4;
  private static final double CURVATURE = 0.9;
  private static final int LINE_SEARCH_STEPS = 60;

  private final int memory;
  private final int maxIterations;
  private final double gradientTolerance;
  private final double relativeTolerance;

  public Lbfgs(int memory, int maxIterations, double gradientTolerance, double relativeTolerance) {
    if (memory < 1 || maxIterations < 1 || !(gradientTolerance >= 0) || !(relativeTolerance >= 0)) {
      throw new IllegalArgumentException("L-BFGS: memory " + memory + " and iterations "
          + maxIterations + " must be >= 1, tolerances " + gradientTolerance + ", "
          + relativeTolerance + " >= 0");
    }
    this.memory = memory;
    this.maxIterations = maxIterations;
    this.gradientTolerance = gradientTolerance;
    this.relativeTolerance = relativeTolerance;
  }

  /** Minimises f from {@code start}; throws if f is not finite at the start. */
  public Minimum minimize(Objective f, double[] start) {
    int n = start.length;
    double[] x = start.clone();
    double[] g = new double[n];
    double fx = f.evaluate(x, g);
    if (!Double.isFinite(fx)) {
      throw new IllegalArgumentException("L-BFGS: objective is " + fx + " at the start point");
    }
    double[][] s = new double[memory][n];
    double[][] y = new double[memory][n];
    double[] rho = new double[memory];
    double[] alpha = new double[memory];
    int stored = 0;
    int newest = -1;
    double[] d = new double[n];
    double[] xNew = new double[n];
    double[] gNew = new double[n];

    for (int iteration = 0; iteration < maxIterations; iteration++) {
      if (maxAbs(g) <= gradientTolerance) {
        return new Minimum(x, fx, iteration, true);
      }
      // Two-loop recursion: d = -H g, H scaled by s'y / y'y of the newest pair.
      System.arraycopy(g, 0, d, 0, n);
      for (int k = 0; k < stored; k++) {
        int j = Math.floorMod(newest - k, memory);
        alpha[j] = rho[j] * dot(s[j], d);
        axpy(-alpha[j], y[j], d);
      }
      double scale = stored == 0 ? 1 / Math.max(1, norm(g)) : dot(s[newest], y[newest]) / dot(y[newest], y[newest]);
      for (int i = 0; i < n; i++) {
        d[i] *= scale;
      }
      for (int k = stored - 1; k >= 0; k--) {
        int j = Math.floorMod(newest - k, memory);
        double beta = rho[j] * dot(y[j], d);
        axpy(alpha[j] - beta, s[j], d);
      }
      for (int i = 0; i < n; i++) {
        d[i] = -d[i];
      }
      double slope = dot(g, d);
      if (!(slope < 0)) {
        // Not a descent direction (lost curvature): restart from steepest descent.
        stored = 0;
        for (int i = 0; i < n; i++) {
          d[i] = -g[i] / Math.max(1, norm(g));
        }
        slope = dot(g, d);
      }

      double fNew = lineSearch(f, x, fx, slope, d, xNew, gNew);
      if (Double.isNaN(fNew)) {
        return new Minimum(x, fx, iteration, false);
      }
      double decrease = (fx - fNew) / Math.max(Math.max(Math.abs(fx), Math.abs(fNew)), 1);

      int slot = (newest + 1) % memory;
      for (int i = 0; i < n; i++) {
        s[slot][i] = xNew[i] - x[i];
        y[slot][i] = gNew[i] - g[i];
      }
      double sy = dot(s[slot], y[slot]);
      if (sy > 1e-16 * dot(y[slot], y[slot])) {
        rho[slot] = 1 / sy;
        newest = slot;
        stored = Math.min(stored + 1, memory);
      }
      System.arraycopy(xNew, 0, x, 0, n);
      System.arraycopy(gNew, 0, g, 0, n);
      fx = fNew;
      if (decrease <= relativeTolerance) {
        return new Minimum(x, fx, iteration + 1, true);
      }
    }
    return new Minimum(x, fx, maxIterations, false);
  }

  /**
   * Finds t with the weak Wolfe conditions along d, writes x + t d and its gradient, and returns
   * f there, or NaN when no such step was found.
   */
  private static double lineSearch(Objective f, double[] x, double fx, double slope, double[] d,
      double[] xNew, double[] gNew) {
    double lo = 0;
    double hi = Double.POSITIVE_INFINITY;
    double t = 1;
    for (int step = 0; step < LINE_SEARCH_STEPS; step++) {
      for (int i = 0; i < x.length; i++) {
        xNew[i] = x[i] + t * d[i];
      }
      double fNew = f.evaluate(xNew, gNew);
      if (!Double.isFinite(fNew) || fNew > fx + ARMIJO * t * slope) {
        hi = t;
      } else if (dot(gNew, d) < CURVATURE * slope) {
        lo = t;
      } else {
        return fNew;
      }
      t = Double.isInfinite(hi) ? 2 * lo : (lo + hi) / 2;
    }
    return Double.NaN;
  }

  private static double dot(double[] a, double[] b) {
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      sum += a[i] * b[i];
    }
    return sum;
  }

  private static void axpy(double a, double[] x, double[] y) {
    for (int i = 0; i < x.length; i++) {
      y[i] += a * x[i];
    }
  }

  private static double norm(double[] a) {
    return Math.sqrt(dot(a, a));
  }

  private static double maxAbs(double[] a) {
    double max = 0;
    for (double v : a) {
      max = Math.max(max, Math.abs(v));
    }
    return max;
  }
}

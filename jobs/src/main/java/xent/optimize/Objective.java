package xent.optimize;

/** A smooth function to minimise: its value at x, with its gradient written into {@code gradient}. */
@FunctionalInterface
public interface Objective {

  /** Returns f(x) and stores df/dx in {@code gradient} (same length as x). */
  double evaluate(double[] x, double[] gradient);
}

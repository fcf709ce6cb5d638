package xent.optimize;

/**
 * Where a minimiser stopped.
 *
 * @param x the point
 * @param value the objective there
 * @param iterations quasi-Newton iterations taken
 * @param converged true when a tolerance was met, false when the iteration or line-search limit
 *     stopped it
 */
public record Minimum(double[] x, double value, int iterations, boolean converged) {

  public Minimum {
    if (x == null || x.length == 0) {
      throw new IllegalArgumentException("minimum: x must have at least one coordinate");
    }
    x = x.clone();
  }

  @Override
  public double[] x() {
    return x.clone();
  }
}

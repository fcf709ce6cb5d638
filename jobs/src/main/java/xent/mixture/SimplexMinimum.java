package xent.mixture;

/**
 * Where a search over mixtures stopped.
 *
 * @param w the mixture
 * @param value the objective there
 * @param iterations steps taken (objective passes for exponentiated gradient, candidates for a search)
 * @param converged whether the stopping rule was met rather than the step limit
 */
public record SimplexMinimum(double[] w, double value, int iterations, boolean converged) {

  public SimplexMinimum {
    w = w.clone();
  }

  @Override
  public double[] w() {
    return w.clone();
  }
}

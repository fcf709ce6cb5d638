package xent.mixture;

/** A function of a mixture to minimise: its value at w, with df/dw written into {@code gradient}. */
@FunctionalInterface
public interface SimplexObjective {

  double evaluate(double[] w, double[] gradient);
}

package xent.scaling;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.commons.math3.fitting.PolynomialCurveFitter;
import org.apache.commons.math3.fitting.WeightedObservedPoints;
import org.apache.commons.math3.stat.regression.SimpleRegression;

/**
 * Hoffmann et al.'s approaches 1 and 2 to the compute-optimal size N*(C) = k C^a, beside the
 * parametric fit (approach 3). The runs are grouped into compute budgets (IsoFLOP groups: runs
 * whose C are within {@link #SAME_BUDGET} of the group's smallest). Approach 1 takes each budget's
 * run of lowest loss; approach 2 fits a parabola of loss in log N through each budget's runs and
 * takes its vertex. A budget whose optimum lies at the edge of its sizes (or beyond them) does
 * not say where the optimum is, only on which side, and is left out of the fit of a; a is the
 * least-squares slope of log N* on log C with its t interval.
 *
 * @param approach 1 or 2
 * @param budgets every budget, with its optimum or why it has none
 * @param a the exponent (NaN with fewer than 2 optima)
 * @param lower its interval (NaN with fewer than 3 optima: no degrees of freedom)
 * @param upper see lower
 * @param verdict identified when >= 3 budgets give an optimum and a's interval is within the bound
 */
public record ComputeFrontier(int approach, List<Budget> budgets, double a, double lower, double upper,
    Verdict verdict) {

  /** Runs within 5% of each other's compute are one budget (steps round the tokens of each). */
  static final double SAME_BUDGET = 1.05;

  /**
   * A compute budget.
   *
   * @param compute the budget's C (its runs' mean)
   * @param sizes how many runs (sizes) it has
   * @param optimum N* (NaN when the budget gives none)
   * @param note why it gives none, or empty
   */
  public record Budget(double compute, int sizes, double optimum, String note) {}

  public static ComputeFrontier approach1(List<ScalingPoint> points, double level) {
    List<Budget> budgets = new ArrayList<>();
    for (List<ScalingPoint> group : budgets(points)) {
      List<ScalingPoint> bySize = sortedBySize(group);
      ScalingPoint best = bySize.stream().min(Comparator.comparingDouble(ScalingPoint::loss)).orElseThrow();
      int at = bySize.indexOf(best);
      String note = bySize.size() < 2 ? "one size"
          : at == 0 ? "lowest loss at the smallest size: the optimum is at or below it"
          : at == bySize.size() - 1 ? "lowest loss at the largest size: the optimum is at or above it" : "";
      budgets.add(new Budget(meanCompute(group), group.size(), note.isEmpty() ? best.n() : Double.NaN, note));
    }
    return frontier(1, budgets, level);
  }

  public static ComputeFrontier approach2(List<ScalingPoint> points, double level) {
    List<Budget> budgets = new ArrayList<>();
    for (List<ScalingPoint> group : budgets(points)) {
      List<ScalingPoint> bySize = sortedBySize(group);
      double c = meanCompute(group);
      if (bySize.size() < 3) {
        budgets.add(new Budget(c, group.size(), Double.NaN, "fewer than 3 sizes: no parabola"));
        continue;
      }
      WeightedObservedPoints observed = new WeightedObservedPoints();
      bySize.forEach(p -> observed.add(Math.log(p.n()), p.loss()));
      double[] k = PolynomialCurveFitter.create(2).fit(observed.toList()); // k0 + k1 x + k2 x^2
      double vertex = -k[1] / (2 * k[2]);
      double low = Math.log(bySize.get(0).n());
      double high = Math.log(bySize.get(bySize.size() - 1).n());
      String note = !(k[2] > 0) ? "the parabola opens downwards: no minimum"
          : vertex < low ? "the parabola's minimum is below the smallest size"
          : vertex > high ? "the parabola's minimum is above the largest size" : "";
      budgets.add(new Budget(c, group.size(), note.isEmpty() ? Math.exp(vertex) : Double.NaN, note));
    }
    return frontier(2, budgets, level);
  }

  private static ComputeFrontier frontier(int approach, List<Budget> budgets, double level) {
    List<Budget> optima = budgets.stream().filter(b -> Double.isFinite(b.optimum())).toList();
    List<String> reasons = new ArrayList<>();
    double a = Double.NaN;
    double lower = Double.NaN;
    double upper = Double.NaN;
    if (optima.size() >= 2) {
      SimpleRegression regression = new SimpleRegression();
      optima.forEach(b -> regression.addData(Math.log(b.compute()), Math.log(b.optimum())));
      a = regression.getSlope();
      if (optima.size() >= 3) {
        double half = regression.getSlopeConfidenceInterval(1 - level);
        lower = a - half;
        upper = a + half;
      }
    }
    if (optima.size() < 3) {
      reasons.add("only " + optima.size() + " of " + budgets.size() + " budgets give an optimum inside their sizes"
          + " (3 are needed for an interval of a)");
    } else if (!((upper - lower) / Math.abs(a) <= Verdict.EXPONENT_BOUND)) {
      reasons.add(String.format("a = %.3g has the interval [%.3g, %.3g], %.3g times its size (identified: <= %s)",
          a, lower, upper, (upper - lower) / Math.abs(a), Verdict.EXPONENT_BOUND));
    }
    return new ComputeFrontier(approach, List.copyOf(budgets), a, lower, upper, new Verdict(reasons.isEmpty(), reasons));
  }

  /** The points grouped into compute budgets, smallest budget first. */
  static List<List<ScalingPoint>> budgets(List<ScalingPoint> points) {
    List<ScalingPoint> byCompute = points.stream().sorted(Comparator.comparingDouble(ScalingPoint::c)).toList();
    List<List<ScalingPoint>> groups = new ArrayList<>();
    for (ScalingPoint p : byCompute) {
      List<ScalingPoint> last = groups.isEmpty() ? null : groups.get(groups.size() - 1);
      if (last == null || p.c() > SAME_BUDGET * last.get(0).c()) {
        groups.add(new ArrayList<>(List.of(p)));
      } else {
        last.add(p);
      }
    }
    return groups;
  }

  private static List<ScalingPoint> sortedBySize(List<ScalingPoint> group) {
    return group.stream().sorted(Comparator.comparingDouble(ScalingPoint::n)).toList();
  }

  private static double meanCompute(List<ScalingPoint> group) {
    return group.stream().mapToDouble(ScalingPoint::c).average().orElseThrow();
  }
}

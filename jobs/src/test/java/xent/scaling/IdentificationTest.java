package xent.scaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Fits say whether the runs pin them down. The data are Hoffmann et al.'s fitted law,
 * L = 1.69 + 406.4 / N^0.34 + 410.7 / D^0.28, with 0.5% multiplicative noise, on grids designed to
 * identify it (IsoFLOP budgets around the optimum) and on grids that cannot.
 */
class IdentificationTest {

  private static final double E = 1.69;
  private static final double A = 406.4;
  private static final double B = 410.7;
  private static final double ALPHA = 0.34;
  private static final double BETA = 0.28;

  private static double law(double n, double d) {
    return E + A / Math.pow(n, ALPHA) + B / Math.pow(d, BETA);
  }

  /** The closed-form N*(C) of the law (Hoffmann et al., appendix D.2). */
  private static double optimum(double c) {
    double g = Math.pow(ALPHA * A / (BETA * B), 1 / (ALPHA + BETA));
    return g * Math.pow(c / 6, BETA / (ALPHA + BETA));
  }

  /** Budgets 1e18..1e21 FLOP, sizes from N*(C) / 8 to 8 N*(C), D = C / 6N: one run each. */
  private static List<ScalingPoint> isoFlop(long seed, double[] factors) {
    Random random = new Random(seed);
    List<ScalingPoint> points = new ArrayList<>();
    for (double c : new double[] {1e18, 1e19, 1e20, 1e21}) {
      for (double f : factors) {
        double n = optimum(c) * f;
        double d = c / (6 * n);
        double loss = law(n, d) * Math.exp(0.005 * random.nextGaussian());
        points.add(ScalingPoint.ofSize(String.format("run-%.0e-%.3f", c, f), n, d, c, loss));
      }
    }
    return points;
  }

  private static final double[] AROUND = {1.0 / 8, 1.0 / 4, 1.0 / 2, 1, 2, 4, 8};

  @Test
  void anIsoFlopGridAroundTheOptimumIdentifiesTheParametricFitAndTheParabolas() {
    List<ScalingPoint> points = isoFlop(11, AROUND);
    HuberFit fitter = new HuberFit(new ChinchillaLaw(), HuberLoss.CHINCHILLA, false);
    ScalingLawFit fit = fitter.fit(points);
    Bootstrap.Result bootstrap = new Bootstrap(fitter, 40, 0.95, 3).resample(points, fit);
    assertEquals("runs", bootstrap.unit());
    assertEquals(28, bootstrap.runs());
    Verdict verdict = Verdict.of(fit, points, bootstrap);
    assertTrue(verdict.identified(), verdict::toString);
    for (String name : List.of("alpha", "beta")) {
      Bootstrap.Interval i = bootstrap.byName().get(name);
      assertTrue(i.lower() <= fit.parameter(name) && fit.parameter(name) <= i.upper(), () -> name + " " + i);
    }
    double a = BETA / (ALPHA + BETA);
    for (ComputeFrontier f : List.of(ComputeFrontier.approach1(points, 0.95), ComputeFrontier.approach2(points, 0.95))) {
      assertEquals(4, f.budgets().size(), () -> "budgets of approach " + f.approach());
      assertTrue(f.lower() <= f.a() && f.a() <= f.upper());
      // Approach 1 picks one of the grid's sizes (factors of 2 apart: +-0.35 in log N at each
      // budget, over 6.9 in log C), so with 4 budgets its interval is wide and it stays unidentified.
      assertEquals(f.approach() == 2, f.verdict().identified(), () -> "approach " + f.approach() + ": " + f.verdict());
      assertEquals(a, f.a(), f.approach() == 1 ? 0.1 : 0.03, () -> "a of approach " + f.approach());
    }
  }

  @Test
  void aGridBelowTheOptimumSaysTheOptimumIsOutsideIt() {
    List<ScalingPoint> points = isoFlop(12, new double[] {1.0 / 64, 1.0 / 32, 1.0 / 16, 1.0 / 8});
    ComputeFrontier first = ComputeFrontier.approach1(points, 0.95);
    assertFalse(first.verdict().identified());
    first.budgets().forEach(b -> assertEquals("lowest loss at the largest size: the optimum is at or above it", b.note()));
    assertTrue(first.verdict().reasons().get(0).startsWith("only 0 of 4 budgets give an optimum"), first.verdict()::toString);
    assertFalse(ComputeFrontier.approach2(points, 0.95).verdict().identified());
  }

  @Test
  void oneSizeCollinearRunsAndTooFewRunsAreNamed() {
    HuberFit fitter = new HuberFit(new ChinchillaLaw(), HuberLoss.CHINCHILLA, false);
    List<ScalingPoint> oneSize = new ArrayList<>();
    List<ScalingPoint> collinear = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      double d = 1e9 * Math.pow(2, i);
      oneSize.add(ScalingPoint.ofSize("one-" + i, 1e8, d, 6e8 * d, law(1e8, d)));
      double n = 1e7 * Math.pow(2, i);
      collinear.add(ScalingPoint.ofSize("col-" + i, n, 20 * n, 120 * n * n, law(n, 20 * n)));
    }
    Verdict one = Verdict.of(fitter.fit(oneSize), oneSize, null);
    assertTrue(one.reasons().contains("one size: every point has N = 1.0E8"), one::toString);
    assertTrue(one.reasons().contains("no bootstrap: run with --bootstrap B to judge the fit"), one::toString);
    Verdict col = Verdict.of(fitter.fit(collinear), collinear, null);
    assertTrue(col.reasons().stream().anyMatch(r -> r.startsWith("N and D collinear: corr(log N, log D) = 1.000")), col::toString);
    List<ScalingPoint> five = isoFlop(13, AROUND).subList(0, 5);
    Verdict few = Verdict.of(fitter.fit(five), five, null);
    assertEquals("too few runs: 5 runs for 5 parameters", few.reasons().get(0));
  }

  @Test
  void anIntervalThatMissesItsEstimateIsWidenedAndTheFitIsNotIdentified() {
    Bootstrap.Interval i = new Bootstrap.Interval(0.2, 0.5, 0.3, 0.5, 0.05, 0.2);
    assertFalse(i.percentileHoldsEstimate());
    List<ScalingPoint> points = isoFlop(14, AROUND);
    HuberFit fitter = new HuberFit(new ChinchillaLaw(), HuberLoss.CHINCHILLA, false);
    ScalingLawFit fit = fitter.fit(points);
    double alpha = fit.parameter("alpha");
    Bootstrap.Result off = new Bootstrap.Result(40, 0, "runs", 28, java.util.Map.of("alpha",
        new Bootstrap.Interval(alpha, alpha + 0.02, alpha + 0.01, alpha + 0.02, 0.003, alpha)));
    Verdict verdict = Verdict.of(fit, points, off);
    assertFalse(verdict.identified());
    assertTrue(verdict.reasons().get(0).startsWith("alpha = "), verdict::toString);
    assertTrue(verdict.reasons().get(0).endsWith("lies outside its percentile interval [" + String.format("%.4g", alpha + 0.01)
        + ", " + String.format("%.4g", alpha + 0.02) + "]: the resampled fits land elsewhere"), verdict::toString);
  }
}

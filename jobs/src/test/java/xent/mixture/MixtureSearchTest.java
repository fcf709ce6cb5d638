package xent.mixture;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Exponentiated gradient and the Dirichlet search find known optima on the simplex. */
@Tag("fast")
class MixtureSearchTest {

  /** f(w) = |w - a|^2: the optimum is a when a lies on the simplex. */
  private static SimplexObjective squaredDistanceTo(double[] a) {
    return (w, g) -> {
      double f = 0;
      for (int i = 0; i < w.length; i++) {
        g[i] = 2 * (w[i] - a[i]);
        f += (w[i] - a[i]) * (w[i] - a[i]);
      }
      return f;
    };
  }

  /** The MDE loss of a fixed token set: -mean_t log sum_i w_i p_i(t), with its gradient. */
  private static SimplexObjective mixtureLoss(double[][] p) {
    return (w, g) -> {
      java.util.Arrays.fill(g, 0);
      double f = 0;
      for (double[] token : p) {
        double pw = 0;
        for (int i = 0; i < w.length; i++) {
          pw += w[i] * token[i];
        }
        f -= Math.log(pw) / p.length;
        for (int i = 0; i < w.length; i++) {
          g[i] -= token[i] / pw / p.length;
        }
      }
      return f;
    };
  }

  @Test
  void exponentiatedGradientFindsAnInteriorOptimum() {
    double[] a = {0.2, 0.5, 0.3};
    SimplexMinimum m = new ExponentiatedGradient(2000, 1e-10).minimize(squaredDistanceTo(a), Simplex.uniform(3));
    assertTrue(m.converged());
    assertArrayEquals(a, m.w(), 1e-6);
  }

  @Test
  void exponentiatedGradientMatchesTheTwoExpertClosedForm() {
    // Two token types: a fraction q where (p1, p2) = (0.9, 0.1) and 1 - q where they are (0.2, 0.6).
    // With w = (v, 1 - v): f(v) = -q log(0.1 + 0.8 v) - (1 - q) log(0.6 - 0.4 v); f'(v) = 0 gives
    // q 0.8 / (0.1 + 0.8 v) = (1 - q) 0.4 / (0.6 - 0.4 v)  =>  v = (0.48 q - 0.04 (1 - q)) / (0.32).
    double q = 0.4;
    int tokens = 1000;
    double[][] p = new double[tokens][];
    for (int t = 0; t < tokens; t++) {
      p[t] = t < q * tokens ? new double[] {0.9, 0.1} : new double[] {0.2, 0.6};
    }
    double v = (0.48 * q - 0.04 * (1 - q)) / 0.32;
    SimplexMinimum m = new ExponentiatedGradient(1000, 1e-9).minimize(mixtureLoss(p), Simplex.uniform(2));
    double[] g = new double[2];
    mixtureLoss(p).evaluate(m.w(), g);
    assertTrue(m.converged(), m.iterations() + " " + java.util.Arrays.toString(m.w()) + " " + v + " gap " + ExponentiatedGradient.gap(m.w(), g));
    assertEquals(v, m.w()[0], 1e-5);
  }

  @Test
  void exponentiatedGradientFindsTheOptimumOfThreeExpertsOnABruteForceGrid() {
    Random random = new Random(5);
    double[][] p = new double[400][3];
    for (double[] token : p) {
      for (int i = 0; i < 3; i++) {
        token[i] = Math.exp(-3 + 2 * random.nextGaussian());
      }
    }
    SimplexObjective f = mixtureLoss(p);
    double[] g = new double[3];
    double bestValue = Double.POSITIVE_INFINITY;
    double[] best = null;
    int steps = 400;
    for (int a = 0; a <= steps; a++) {
      for (int b = 0; a + b <= steps; b++) {
        double[] w = {a / (double) steps, b / (double) steps, (steps - a - b) / (double) steps};
        double value = f.evaluate(w, g);
        if (value < bestValue) {
          bestValue = value;
          best = w;
        }
      }
    }
    SimplexMinimum m = new ExponentiatedGradient(2000, 1e-9).minimize(f, Simplex.uniform(3));
    assertTrue(m.converged());
    assertTrue(m.value() <= bestValue + 1e-9, m.value() + " vs grid " + bestValue);
    assertArrayEquals(best, m.w(), 2.0 / steps);
  }

  @Test
  void exponentiatedGradientDrivesUselessExpertsToZero() {
    // The optimum is on an edge: a = (0.6, 0.6, -0.2) projects to (0.5, 0.5, 0).
    SimplexMinimum m = new ExponentiatedGradient(5000, 1e-9)
        .minimize(squaredDistanceTo(new double[] {0.6, 0.6, -0.2}), Simplex.uniform(3));
    assertArrayEquals(new double[] {0.5, 0.5, 0}, m.w(), 1e-4);
  }

  @Test
  void dirichletSearchComesCloseToTheOptimumAndKeepsVerticesAndUniform() {
    double[] a = {0.15, 0.25, 0.6};
    DirichletSearch search = new DirichletSearch(10_000, 7);
    double[][] candidates = search.candidates(3);
    assertEquals(10_004, candidates.length);
    assertArrayEquals(new double[] {0, 1, 0}, candidates[1]);
    assertArrayEquals(Simplex.uniform(3), candidates[3]);
    for (double[] c : candidates) {
      Simplex.check(c, 3, "candidate");
    }
    SimplexObjective f = squaredDistanceTo(a);
    SimplexMinimum m = search.minimize(3, batch -> {
      double[] values = new double[batch.length];
      for (int c = 0; c < batch.length; c++) {
        values[c] = f.evaluate(batch[c], new double[3]);
      }
      return values;
    });
    // 10^4 uniform draws on a 2-simplex of area sqrt(3)/2 leave the nearest within about 0.01.
    assertArrayEquals(a, m.w(), 0.02);
    assertTrue(m.value() < 1e-3);
  }

  @Test
  void dirichletSearchFindsTheBestVertexOfALinearObjective() {
    double[] cost = {3, 1, 2, 5};
    SimplexMinimum m = new DirichletSearch(1000, 1).minimize(4, batch -> {
      double[] values = new double[batch.length];
      for (int c = 0; c < batch.length; c++) {
        values[c] = MixtureJob.dot(cost, batch[c]);
      }
      return values;
    });
    assertArrayEquals(new double[] {0, 1, 0, 0}, m.w());
    assertEquals(1, m.value());
  }
}

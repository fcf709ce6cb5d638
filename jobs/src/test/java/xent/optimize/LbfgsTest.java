package xent.optimize;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import xent.scaling.LearningRateAreas;

@Tag("fast")
class LbfgsTest {

  /** Rosenbrock's banana, minimum 0 at (1, ..., 1). */
  private static double rosenbrock(double[] x, double[] g) {
    java.util.Arrays.fill(g, 0);
    double f = 0;
    for (int i = 0; i + 1 < x.length; i++) {
      double a = x[i + 1] - x[i] * x[i];
      double b = 1 - x[i];
      f += 100 * a * a + b * b;
      g[i] += -400 * a * x[i] - 2 * b;
      g[i + 1] += 200 * a;
    }
    return f;
  }

  @Test
  void findsRosenbrockMinimumFromTheClassicStart() {
    Lbfgs tight = new Lbfgs(10, 1000, 1e-10, 0);
    Minimum m = tight.minimize(LbfgsTest::rosenbrock, new double[] {-1.2, 1});
    assertTrue(m.converged());
    assertArrayEquals(new double[] {1, 1}, m.x(), 1e-6);
    assertTrue(m.iterations() < 100, "iterations " + m.iterations());
  }

  @Test
  void findsTenDimensionalRosenbrockMinimum() {
    double[] start = new double[10];
    java.util.Arrays.fill(start, -1);
    Minimum m = new Lbfgs(10, 5000, 1e-9, 0).minimize(LbfgsTest::rosenbrock, start);
    assertEquals(0, m.value(), 1e-12);
    assertEquals(1, m.x()[9], 1e-5);
  }

  @Test
  void learningRateAreasFollowTissueDefinition() {
    // warmup 1 -> 2, then steps down by 1 twice: momentum 0, 0, 1, 1.999 after the peak.
    LearningRateAreas areas = LearningRateAreas.of(new double[] {1, 2, 1, 0});
    assertArrayEquals(new double[] {1, 3, 4, 4}, areas.s1(), 1e-12);
    assertArrayEquals(new double[] {0, 0, 1, 1 + 1.999}, areas.s2(), 1e-12);
  }
}

package xent.mixture;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The recommended mixture stays where runs observed mixtures, and averages the best candidates there. */
@Tag("fast")
class SupportedOptimumTest {

  private static final double[][] CENTRAL = {{0.4, 0.3, 0.3}, {0.3, 0.4, 0.3}, {0.3, 0.3, 0.4}, {0.34, 0.33, 0.33}};

  @Test
  void radiusIsTheLargestNearestNeighbourDistance() {
    // each row's nearest neighbour is row 3 (row 3's is row 0): 0.12 from row 0, 0.14 from rows 1 and 2
    double expected = 0;
    for (double[] a : CENTRAL) {
      double nearest = Double.POSITIVE_INFINITY;
      for (double[] b : CENTRAL) {
        if (a != b) {
          nearest = Math.min(nearest, Math.abs(a[0] - b[0]) + Math.abs(a[1] - b[1]) + Math.abs(a[2] - b[2]));
        }
      }
      expected = Math.max(expected, nearest);
    }
    assertEquals(0.14, expected, 1e-12, "closed form: rows 1 and 2 are 0.04 + 0.07 + 0.03 from row 3");
    assertEquals(expected, SupportedOptimum.radius(CENTRAL), 1e-15);
  }

  @Test
  void aVertexPredictedBestIsNotChosenWhenNoRunCameNearIt() {
    // the regression's prediction falls towards domain 0's corner: it would pick (1, 0, 0)
    double[][] candidates = candidates(4000, 3, 7);
    double[] values = new double[candidates.length];
    for (int c = 0; c < candidates.length; c++) {
      values[c] = 1 - candidates[c][0];
    }
    SupportedOptimum chosen = SupportedOptimum.choose(CENTRAL, candidates, values);
    double[] w = chosen.w();
    assertEquals(1, w[0] + w[1] + w[2], 1e-12, "on the simplex");
    assertTrue(w[0] < 0.4 + chosen.radius(), "stays within the support, not at the vertex: " + w[0]);
    assertTrue(w[0] > 0.4, "and moves towards the better corner as far as the support goes: " + w[0]);
    assertTrue(SupportedOptimum.distance(w, CENTRAL) <= chosen.radius() + 1e-12);
    assertEquals(Math.max(1, Math.round(0.1 * chosen.supported())), chosen.averaged());
  }

  @Test
  void aVertexIsChosenWhenARunObservedIt() {
    double[][] observed = {{1, 0, 0}, {0.9, 0.05, 0.05}, {0.4, 0.3, 0.3}, {0.3, 0.4, 0.3}, {0.3, 0.3, 0.4}};
    double[][] candidates = {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}, {0.34, 0.33, 0.33}};
    double[] values = {1.0, 0.5, 0.5, 2.0};
    SupportedOptimum chosen = SupportedOptimum.choose(observed, candidates, values);
    assertEquals(2, chosen.supported(), "the observed corner and the centre; the unobserved corners are outside");
    assertArrayEquals(new double[] {1, 0, 0}, chosen.w(), 0, "the best supported candidate, alone in the top tenth");
  }

  @Test
  void refusesWhenNoCandidateLiesInTheSupport() {
    double[][] candidates = {{1, 0, 0}, {0, 1, 0}};
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> SupportedOptimum.choose(CENTRAL, candidates, new double[] {0, 0}));
    assertTrue(e.getMessage().contains("no candidate"), e.getMessage());
  }

  private static double[][] candidates(int n, int k, long seed) {
    Random random = new Random(seed);
    double[][] c = new double[n][k];
    for (double[] w : c) {
      double sum = 0;
      for (int i = 0; i < k; i++) {
        w[i] = -Math.log(1 - random.nextDouble());
        sum += w[i];
      }
      for (int i = 0; i < k; i++) {
        w[i] /= sum;
      }
    }
    return c;
  }
}

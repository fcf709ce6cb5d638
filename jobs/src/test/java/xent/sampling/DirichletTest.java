package xent.sampling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("fast")
class DirichletTest {

  /** Mean 1/k and variance (k - 1) / (k^2 (k alpha + 1)) of each coordinate: the closed forms. */
  @Test
  void coordinatesHaveTheDirichletMeanAndVariance() {
    int k = 8;
    int n = 200_000;
    for (double alpha : new double[] {0.3, 1.0, 2.5}) {
      SplittableRandom random = new SplittableRandom(7);
      Dirichlet dirichlet = new Dirichlet(alpha);
      double sum = 0;
      double sumSquares = 0;
      for (int i = 0; i < n; i++) {
        double[] x = dirichlet.sample(k, random);
        double total = 0;
        for (double v : x) {
          total += v;
        }
        assertEquals(1.0, total, 1e-12);
        sum += x[3];
        sumSquares += x[3] * x[3];
      }
      double mean = sum / n;
      double variance = sumSquares / n - mean * mean;
      double expected = (k - 1.0) / (k * k * (k * alpha + 1));
      assertEquals(1.0 / k, mean, 4 * Math.sqrt(expected / n), "mean at alpha " + alpha);
      assertEquals(expected, variance, 0.02 * expected, "variance at alpha " + alpha);
    }
  }

  @Test
  void refusesANonPositiveConcentration() {
    assertEquals("Dirichlet concentration must be positive, got 0.0",
        assertThrows(IllegalArgumentException.class, () -> new Dirichlet(0)).getMessage());
  }
}

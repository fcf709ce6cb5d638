package xent.mixture;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Spearman's rho with tied values, and the mean absolute error, against hand computations. */
@Tag("fast")
class AgreementTest {

  @Test
  void tiedValuesShareTheAverageOfTheirRanks() {
    assertArrayEquals(new double[] {1, 2.5, 2.5, 4, 6, 6, 6}, Agreement.ranks(new double[] {1, 2, 2, 3, 7, 7, 7}));
    assertArrayEquals(new double[] {3, 1, 2}, Agreement.ranks(new double[] {5, -1, 0}));
  }

  @Test
  void spearmanWithTiesMatchesAHandComputation() {
    // x ranks (1, 2.5, 2.5, 4), y ranks (1, 3, 2, 4); centred: x (-1.5, 0, 0, 1.5), y (-1.5, 0.5, -0.5, 1.5).
    // sum xy = 2.25 + 2.25 = 4.5, sum xx = 4.5, sum yy = 5: rho = 4.5 / sqrt(22.5).
    double rho = Agreement.spearman(new double[] {1, 2, 2, 3}, new double[] {10, 30, 20, 40});
    assertEquals(4.5 / Math.sqrt(22.5), rho, 1e-12);
  }

  @Test
  void spearmanIsOneForAnyIncreasingMapAndMinusOneReversed() {
    double[] x = {0.3, 1.2, -4, 8, 2};
    double[] cubed = {0.027, 1.728, -64, 512, 8};
    assertEquals(1, Agreement.spearman(x, cubed), 1e-12);
    assertEquals(-1, Agreement.spearman(x, new double[] {-0.3, -1.2, 4, -8, -2}), 1e-12);
    assertTrue(Double.isNaN(Agreement.spearman(x, new double[] {1, 1, 1, 1, 1})), "constant side: undefined");
  }

  @Test
  void meanAbsoluteError() {
    assertEquals((0.5 + 1 + 0) / 3, Agreement.meanAbsoluteError(new double[] {1, 2, 3}, new double[] {1.5, 1, 3}), 1e-15);
  }
}

package xent.statistics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The correlations against two-pass float64 sums written out here, and their undefined cases. */
@Tag("fast")
class CorrelationsTest {

  /** The textbook two-pass formula: centred cross products over the root of the centred squares. */
  private static double twoPassPearson(double[] x, double[] y) {
    double mx = 0;
    double my = 0;
    for (int i = 0; i < x.length; i++) {
      mx += x[i] / x.length;
      my += y[i] / y.length;
    }
    double sxy = 0;
    double sxx = 0;
    double syy = 0;
    for (int i = 0; i < x.length; i++) {
      sxy += (x[i] - mx) * (y[i] - my);
      sxx += (x[i] - mx) * (x[i] - mx);
      syy += (y[i] - my) * (y[i] - my);
    }
    return sxy / Math.sqrt(sxx * syy);
  }

  @Test
  void pearsonMatchesTheTwoPassFormula() {
    double[] x = {0.3, 1.2, -4, 8, 2, 5.5, -0.25};
    double[] y = {1.1, 0.9, -3, 6.5, 2.5, 3, 0.5};
    // Both are sums of 7 products of O(10) values: agreement to a few ulps of the sums.
    assertEquals(twoPassPearson(x, y), Correlations.pearson(x, y), 1e-14);
  }

  @Test
  void spearmanIsPearsonOfTheAveragedRanks() {
    double[] x = {1, 2, 2, 3, 9, -1};
    double[] y = {10, 30, 20, 40, 40, 0};
    assertArrayEquals(new double[] {2, 3.5, 3.5, 5, 6, 1}, Correlations.ranks(x));
    assertEquals(twoPassPearson(Correlations.ranks(x), Correlations.ranks(y)), Correlations.spearman(x, y), 1e-14);
  }

  @Test
  void aConstantSideOrFewerThanTwoValuesIsUndefined() {
    double[] x = {0.3, 1.2, -4};
    assertTrue(Double.isNaN(Correlations.pearson(x, new double[] {2, 2, 2})));
    assertTrue(Double.isNaN(Correlations.pearson(new double[] {2, 2, 2}, x)));
    assertTrue(Double.isNaN(Correlations.spearman(x, new double[] {1, 1, 1})));
    assertTrue(Double.isNaN(Correlations.pearson(new double[] {1}, new double[] {2})));
    assertTrue(Double.isNaN(Correlations.spearman(new double[0], new double[0])));
  }

  @Test
  void refusesSidesOfDifferentLengthsNamingBoth() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Correlations.spearman(new double[3], new double[4]));
    assertEquals("spearman: 3 values against 4", e.getMessage());
  }
}

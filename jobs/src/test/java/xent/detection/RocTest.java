package xent.detection;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** AUROC, TPR at low FPR and the curve against pair counting and closed forms. */
@Tag("fast")
class RocTest {

  /** P(positive > negative) + P(tie) / 2 over every pair: the definition. */
  static double pairCount(double[] pos, double[] neg) {
    double wins = 0;
    for (double p : pos) {
      for (double n : neg) {
        wins += p > n ? 1 : p == n ? 0.5 : 0;
      }
    }
    return wins / ((double) pos.length * neg.length);
  }

  @Test
  void aurocIsTheShareOfPairsRankedRightWithTiesCountingHalf() {
    Random random = new Random(3);
    double[] pos = new double[137];
    double[] neg = new double[91];
    for (int i = 0; i < pos.length; i++) {
      pos[i] = Math.round(random.nextGaussian() * 4 + 1) / 2.0; // coarse values: many ties
    }
    for (int i = 0; i < neg.length; i++) {
      neg[i] = Math.round(random.nextGaussian() * 4) / 2.0;
    }
    assertEquals(pairCount(pos, neg), new Roc(pos, neg).auroc(), 1e-12);
    assertEquals(1.0, new Roc(new double[] {3, 4}, new double[] {1, 2}).auroc());
    assertEquals(0.0, new Roc(new double[] {1, 2}, new double[] {3, 4}).auroc());
    assertEquals(0.5, new Roc(new double[] {1, 1}, new double[] {1, 1, 1}).auroc());
  }

  @Test
  void tprAtLowFprCountsPositivesAboveTheThresholdThatPassesAtMostThatShareOfNegatives() {
    double[] neg = new double[200];
    for (int i = 0; i < neg.length; i++) {
      neg[i] = i; // 0..199: at 1% FPR two negatives may score above the threshold, 197
    }
    double[] pos = {196, 197, 197.5, 198, 250, 300, -5, 0};
    assertEquals(4.0 / 8, new Roc(pos, neg).tprAt(0.01));
    assertTrue(new Roc(pos, neg).tprAt(0.0) <= new Roc(pos, neg).tprAt(0.01));
    assertEquals(2.0 / 8, new Roc(pos, neg).tprAt(0.0)); // above every negative: 250 and 300
  }

  @Test
  void curveRunsFromTheOriginToOneOneAndItsTrapezoidsGiveTheAuroc() {
    Random random = new Random(9);
    double[] pos = random.doubles(60).map(v -> Math.floor(v * 20) + 2).toArray();
    double[] neg = random.doubles(45).map(v -> Math.floor(v * 20)).toArray();
    List<double[]> curve = new Roc(pos, neg).curve();
    assertArrayEquals(new double[] {0, 0}, curve.get(0));
    assertArrayEquals(new double[] {1, 1}, curve.get(curve.size() - 1));
    double area = 0;
    for (int i = 1; i < curve.size(); i++) {
      area += (curve.get(i)[0] - curve.get(i - 1)[0]) * (curve.get(i)[1] + curve.get(i - 1)[1]) / 2;
    }
    assertEquals(pairCount(pos, neg), area, 1e-12);
  }

  @Test
  void bootstrapIntervalHoldsTheEstimateAndReproducesWithItsSeed() {
    Random random = new Random(5);
    double[] pos = random.doubles(80).map(v -> v + 0.3).toArray();
    double[] neg = random.doubles(80).toArray();
    Roc roc = new Roc(pos, neg);
    double[] interval = roc.aurocInterval(0.95, 500, 42);
    assertTrue(interval[0] < roc.auroc() && roc.auroc() < interval[1], java.util.Arrays.toString(interval));
    assertArrayEquals(interval, roc.aurocInterval(0.95, 500, 42));
    // the AUROC's standard error here is about sqrt(A(1 - A) / 80) ~ 0.04: a 95% interval of ~0.16
    assertEquals(0.16, interval[1] - interval[0], 0.08);
  }

  @Test
  void nonFiniteScoresAndEmptySidesAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> new Roc(new double[] {Double.NaN}, new double[] {1}));
    assertThrows(IllegalArgumentException.class, () -> new Roc(new double[] {}, new double[] {1}));
  }
}

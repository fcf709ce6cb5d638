package xent.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The pitfalls ../shared/METRICS.md lists, each pinned. */
@Tag("fast")
class MetricPitfallsTest {

  @Test
  void minKOfFewerThanFiveTokensAveragesTheOneLowestInsteadOfNothing() {
    float[] l = {-1.5f, -0.25f, -3f, -0.5f}; // T = 4: floor(0.2 * 4) = 0
    assertEquals(-3.0, MinK.DEFAULT.score(l));
    assertEquals(-3.0, new MinK(0.2).score(new float[] {-3f}));
    float[] h = {1, 1, 1, 1};
    float[] var = {1, 1, 1, 1};
    assertEquals((-3.0 + 1) / 1, MinKPlusPlus.DEFAULT.score(l, h, var)); // (l - mu) / sigma, mu = -H
  }

  @Test
  void minKOfTenTokensAveragesTheTwoLowest() {
    float[] l = {-1, -2, -3, -4, -5, -6, -7, -8, -9, -10};
    assertEquals(-9.5, MinK.DEFAULT.score(l));
  }

  @Test
  void minKPlusPlusFloorsSigmaSoADeterministicPositionIsFinite() {
    float[] l = {0f, -2f};
    float[] h = {0f, 1f};
    float[] var = {0f, 4f}; // the first position is one-hot: l = mu = 0, sigma = 0
    double score = new MinKPlusPlus(1, 1e-6).score(l, h, var);
    assertTrue(Double.isFinite(score), "score " + score);
    assertEquals((0 + (-2 + 1) / 2.0) / 2, score, 1e-15);
  }

  @Test
  void dcPddCountsOnlyTheFirstOccurrenceOfARepeatedToken() {
    TokenCountTable counts = new TokenCountTable(new long[] {10, 0, 5, 85});
    int[] tokens = {2, 2, 3, 2};
    float[] l = {(float) Math.log(0.002), -0.1f, (float) Math.log(0.002), -0.2f};
    double f2 = 6.0 / 104;
    double f3 = 86.0 / 104;
    double want = (0.002 * Math.log(1 / f2) + 0.002 * Math.log(1 / f3)) / 2; // both under a = 0.01
    assertEquals(want, DcPdd.DEFAULT.score(tokens, l, counts), 1e-9);
    l[1] = -5f; // a later 2: not counted
    l[3] = -0.01f;
    assertEquals(want, DcPdd.DEFAULT.score(tokens, l, counts), 1e-9);
  }

  @Test
  void dcPddCapsEachTermAtA() {
    TokenCountTable counts = new TokenCountTable(new long[] {0, 0, 0, 1000});
    assertEquals(0.01, DcPdd.DEFAULT.score(new int[] {0}, new float[] {-0.1f}, counts), 0);
  }

  @Test
  void everyScoreOfADocumentWithoutScoredTokensIsNaN() {
    float[] none = {};
    assertTrue(Double.isNaN(Loss.score(none)));
    assertTrue(Double.isNaN(MinK.DEFAULT.score(none)));
    assertTrue(Double.isNaN(MinKPlusPlus.DEFAULT.score(none, none, none)));
    assertTrue(Double.isNaN(DcPdd.DEFAULT.score(new int[0], none, new TokenCountTable(new long[] {1}))));
    assertTrue(Double.isNaN(FastDetectGpt.score(none, none, none)));
    assertTrue(Double.isNaN(Binoculars.score(none, none)));
    assertTrue(Double.isNaN(ZeroShotTest.score(none, none)));
    assertTrue(Double.isNaN(ZlibRatio.DEFAULT.score(none, "")));
    assertTrue(Double.isNaN(LlmZipBound.bitsPerByte(none, "")));
  }

  @Test
  void refusesArraysOfDifferentLengthsNamingTheMetric() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> MinKPlusPlus.DEFAULT.score(new float[2], new float[2], new float[3]));
    assertEquals("Min-K%++ needs per-token arrays of one length, found 2 and 3", e.getMessage());
  }

  @Test
  void refusesAFractionOutsideZeroToOneNamingIt() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new MinK(0));
    assertEquals("Min-K% k must be in (0, 1], found 0.0", e.getMessage());
  }

  @Test
  void faceRefusesASeriesTooShortForASpectrum() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> FaceSpectrum.DEFAULT.of(new float[] {-1, -2}));
    assertEquals("FACE needs at least 3 scored tokens for a spectrum, found 2", e.getMessage());
  }
}

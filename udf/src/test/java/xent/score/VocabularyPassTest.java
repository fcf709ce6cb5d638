package xent.score;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import xent.Tolerance;
import xent.model.TorchEngine;
import xent.reference.Kernels;

/**
 * The streaming pass over vocabulary tiles against a float64 full softmax of the same float32
 * logits, on random rows and the rows that break naive accumulators: one logit far above the
 * rest, all logits equal, entries near -infinity, the max arriving in a late tile.
 */
class VocabularyPassTest {

  private static NDManager manager;

  @BeforeAll
  static void engine() {
    manager = Engine.getEngine(TorchEngine.NAME).newBaseManager();
  }

  @AfterAll
  static void close() {
    manager.close();
  }

  /** Rows of one test: random N(0, std) logits with the special rows overwritten. */
  private static float[][] rows(int vocab, long seed) {
    Random random = new Random(seed);
    float[][] z = new float[7][vocab];
    double[] stds = {1, 3, 0.1};
    for (int r = 0; r < 3; r++) {
      for (int v = 0; v < vocab; v++) {
        z[r][v] = (float) (stds[r] * random.nextGaussian());
      }
    }
    for (int v = 0; v < vocab; v++) {
      z[3][v] = (float) random.nextGaussian();
      z[4][v] = 0.25f; // flat: H = ln V, sigma2 = 0
      z[5][v] = v < vocab / 2 ? -1e30f : (float) random.nextGaussian(); // the first tiles all ~ -inf
      z[6][v] = (float) (2 * random.nextGaussian());
    }
    z[3][vocab - 3] += 60; // peaked, its max in the last tile
    for (int v = 0; v < vocab; v += 3) {
      z[6][v] = -1e30f; // scattered ~ -inf entries
    }
    return z;
  }

  /** Moments of one row in float64, two-pass (no cancellation): {lse, logprob, H, sigma2, rank}. */
  private static double[] reference(float[] z, int target) {
    double[] zd = new double[z.length];
    int top = 0;
    for (int v = 0; v < z.length; v++) {
      zd[v] = z[v];
      top = z[v] > z[top] ? v : top;
    }
    double lse = z[top] - Kernels.logSoftmax(zd)[top]; // at the max, where z - lse loses nothing
    double mu = 0;
    for (float v : z) {
      double lp = v - lse;
      mu += Math.exp(lp) * lp;
    }
    double var = 0;
    for (float v : z) {
      double lp = v - lse;
      var += Math.exp(lp) * (lp - mu) * (lp - mu);
    }
    int above = 0;
    for (int v = 0; v < z.length; v++) {
      if (v != target && z[v] > z[target]) {
        above++;
      }
    }
    return new double[] {lse, z[target] - lse, -mu, var, above + 1};
  }

  private static void checkAgainstFloat64(int vocab, int tile, long seed) {
    float[][] z = rows(vocab, seed);
    int n = z.length;
    long[] targets = new long[n];
    Random random = new Random(seed + 1);
    for (int r = 0; r < n; r++) {
      targets[r] = random.nextInt(vocab);
    }
    targets[3] = vocab - 3; // the peak itself: rank 1, log p ~ 0
    targets[5] = 1; // a -1e30 entry: rank counts every finite logit above it
    float[] flat = new float[n * vocab];
    for (int r = 0; r < n; r++) {
      System.arraycopy(z[r], 0, flat, r * vocab, vocab);
    }
    PositionMoments m;
    try (NDManager scope = manager.newSubManager()) {
      NDArray logits = scope.create(flat, new Shape(n, vocab));
      NDArray target = scope.create(targets, new Shape(n, 1));
      m = VocabularyPass.moments(LogitTiles.of(logits), target, tile);
    }
    double[] worst = new double[2];
    for (int r = 0; r < n; r++) {
      double[] want = reference(z[r], (int) targets[r]);
      String row = "vocab " + vocab + " row " + r;
      double lseTol = Tolerance.momentsAbsolute(want[0]);
      assertEquals(want[0], m.logPartition()[r], lseTol, row + " LSE");
      if (r != 5) { // row 5's target logit is -1e30: log p is -1e30 in both, to float32 rounding
        assertEquals(want[1], m.logprob()[r], lseTol, row + " log p");
      }
      assertEquals(want[2], m.entropy()[r], Tolerance.MOMENTS * want[2], row + " entropy");
      // the float64 reference itself errs by DOUBLE_SUM of E_p[(log p)^2] (2e-27 on the flat row)
      double varTol = Tolerance.MOMENTS * want[3] + Tolerance.DOUBLE_SUM * (want[3] + want[2] * want[2]);
      assertEquals(want[3], m.variance()[r], varTol, row + " sigma2");
      worst[0] = Math.max(worst[0], Math.abs(m.entropy()[r] - want[2]) / want[2]);
      if (r != 4) { // the flat row's true sigma2 is 0
        worst[1] = Math.max(worst[1], Math.abs(m.variance()[r] - want[3]) / want[3]);
      }
      assertEquals((int) want[4], m.rank()[r], row + " rank");
    }
    System.out.printf("vocab %d, tiles of %d: worst relative error H %.2e, sigma2 %.2e%n",
        vocab, tile, worst[0], worst[1]);
    assertEquals(Math.log(vocab), m.entropy()[4], Tolerance.MOMENTS * Math.log(vocab), "flat row: H = ln V");
    assertEquals(0f, m.variance()[4], "flat row: sigma2 is exactly 0");
    assertEquals(1, m.rank()[4], "flat row: no logit exceeds an equal one");
    assertEquals(1, m.rank()[3], "the peak ranks first");
  }

  @Test
  void momentsOfVocabulary512EqualFloat64InTilesOf64() {
    checkAgainstFloat64(512, 64, 1);
  }

  @Test
  void momentsOfVocabulary512DoNotDependOnTheTilingBeyondRounding() {
    checkAgainstFloat64(512, 512, 2);
    checkAgainstFloat64(512, 7, 3); // a last tile of 1 entry
  }

  @Test
  void momentsOfVocabulary262144EqualFloat64() {
    checkAgainstFloat64(262_144, 8192, 4);
  }

  @Test
  void refusesTwoHeadsOfDifferentWidthNamingBoth() {
    try (NDManager scope = manager.newSubManager()) {
      NDArray a = scope.zeros(new Shape(2, 10));
      NDArray b = scope.zeros(new Shape(2, 12));
      NDArray target = scope.zeros(new Shape(2, 1), ai.djl.ndarray.types.DataType.INT64);
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> VocabularyPass.pair(LogitTiles.of(a), LogitTiles.of(b), target, 4));
      assertEquals("logit widths differ: 10 and 12", e.getMessage());
    }
  }

  /** Cross terms in float64: {E_pA[log pB], Var_pA[log pB]}. */
  private static double[] crossReference(float[] za, float[] zb) {
    double lseA = reference(za, 0)[0];
    double lseB = reference(zb, 0)[0];
    double mean = 0;
    for (int v = 0; v < za.length; v++) {
      mean += Math.exp(za[v] - lseA) * (zb[v] - lseB);
    }
    double var = 0;
    for (int v = 0; v < za.length; v++) {
      double d = zb[v] - lseB - mean;
      var += Math.exp(za[v] - lseA) * d * d;
    }
    return new double[] {mean, var};
  }

  @Test
  void crossTermsOfTwoHeadsEqualFloat64() {
    int vocab = 4096;
    float[][] za = rows(vocab, 5);
    float[][] zb = rows(vocab, 6);
    // rows 5 and 6 put -1e30 at the same entries in A and B: p_A = 0 there, so E_pA stays finite
    int n = za.length;
    float[] fa = new float[n * vocab];
    float[] fb = new float[n * vocab];
    for (int r = 0; r < n; r++) {
      System.arraycopy(za[r], 0, fa, r * vocab, vocab);
      System.arraycopy(zb[r], 0, fb, r * vocab, vocab);
    }
    long[] targets = new long[n];
    Arrays.fill(targets, 17);
    VocabularyPass.PairMoments m;
    try (NDManager scope = manager.newSubManager()) {
      NDArray a = scope.create(fa, new Shape(n, vocab));
      NDArray b = scope.create(fb, new Shape(n, vocab));
      m = VocabularyPass.pair(LogitTiles.of(a), LogitTiles.of(b),
          scope.create(targets, new Shape(n, 1)), 512);
    }
    for (int r = 0; r < n; r++) {
      double[] want = crossReference(za[r], zb[r]);
      assertEquals(want[0], m.cross().expectedLogprob()[r], Tolerance.MOMENTS * Math.abs(want[0]),
          "row " + r + " E_pA[log pB]");
      assertEquals(want[1], m.cross().variance()[r],
          Tolerance.MOMENTS * want[1] + Tolerance.DOUBLE_SUM * (want[1] + want[0] * want[0]),
          "row " + r + " Var_pA[log pB]");
      assertEquals(reference(za[r], 17)[2], m.a().entropy()[r], Tolerance.MOMENTS * reference(za[r], 17)[2]);
      assertEquals(reference(zb[r], 17)[2], m.b().entropy()[r], Tolerance.MOMENTS * reference(zb[r], 17)[2]);
    }
  }

  @Test
  void crossTermsOfAModelWithItselfAreItsOwnMoments() {
    float[][] z = rows(2048, 7);
    int n = z.length;
    float[] flat = new float[n * 2048];
    for (int r = 0; r < n; r++) {
      System.arraycopy(z[r], 0, flat, r * 2048, 2048);
    }
    VocabularyPass.PairMoments m;
    try (NDManager scope = manager.newSubManager()) {
      NDArray a = scope.create(flat, new Shape(n, 2048));
      m = VocabularyPass.pair(LogitTiles.of(a), LogitTiles.of(a),
          scope.create(new long[n], new Shape(n, 1)), 256);
    }
    for (int r = 0; r < n; r++) {
      assertEquals(-m.a().entropy()[r], m.cross().expectedLogprob()[r],
          Tolerance.MOMENTS * m.a().entropy()[r], "row " + r + ": E_p[log p] = -H");
      assertEquals(m.a().variance()[r], m.cross().variance()[r],
          Tolerance.MOMENTS * m.a().variance()[r] + 1e-30, "row " + r + ": Var_p[log p] = sigma2");
    }
    assertTrue(m.a().variance()[0] > 0);
  }
}

package xent.reference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import xent.model.ModelConfig;
import xent.model.RopeScaling;
import xent.model.checkpoint.Checkpoint;
import xent.model.checkpoint.Tensor;

/** Closed-form properties of the Llama reference, each checked without the reference's help. */
@Tag("fast")
class ReferenceLlamaTest {

  private static final int[] IDS = {1, 17, 250, 3, 99, 42, 7, 7, 180, 2, 64, 5};

  @Test
  void reducesToSoftmaxOfHeadOfNormedEmbeddingWhenBlocksOutputZero() {
    RandomCheckpoints.Builder shape = RandomCheckpoints.llama().optLayers(1).optUntiedHead();
    ModelConfig c = shape.config();
    Checkpoint checkpoint = shape.build(11);
    String layer = "model.layers.0.";
    checkpoint = zero(checkpoint, layer + "self_attn.o_proj.weight", c.dim() * c.dim());
    checkpoint = zero(checkpoint, layer + "mlp.down_proj.weight", c.dim() * c.hiddenDim());

    double[][] logProbs = ReferenceModel.of(checkpoint).logProbs(IDS);

    float[] embedding = floats(checkpoint, "model.embed_tokens.weight");
    float[] norm = floats(checkpoint, "model.norm.weight");
    float[] head = floats(checkpoint, "lm_head.weight");
    int dim = c.dim();
    for (int t = 0; t < IDS.length; t++) {
      // x = embedding row, then RMSNorm, then the head, then log-softmax
      double meanSquare = 0;
      for (int i = 0; i < dim; i++) {
        meanSquare += Math.pow(embedding[IDS[t] * dim + i], 2) / dim;
      }
      double[] logits = new double[c.vocabSize()];
      for (int v = 0; v < logits.length; v++) {
        for (int i = 0; i < dim; i++) {
          double normed = embedding[IDS[t] * dim + i] / Math.sqrt(meanSquare + c.normEps()) * norm[i];
          logits[v] += head[v * dim + i] * normed;
        }
      }
      double logSumExp = Math.log(Arrays.stream(logits).map(Math::exp).sum());
      for (int v = 0; v < logits.length; v++) {
        assertEquals(logits[v] - logSumExp, logProbs[t][v], 1e-12, "position " + t + " token " + v);
      }
    }
  }

  @Test
  void ropeAtPositionZeroIsTheIdentity() {
    ModelConfig c = RandomCheckpoints.llama().config();
    double[] vec = gaussian(new Random(1), c.nHeads() * c.headDim());
    double[] rotated = vec.clone();
    ReferenceLlama.rope(rotated, c.headDim(), 0, ReferenceLlama.inverseFrequencies(c, 10));
    assertArrayEquals(vec, rotated, 0.0);
  }

  @Test
  void ropeRotatesTheRotateHalfPairsAndKeepsTheirNorm() {
    // head dim 4: pairs (x0, x2) at inv_freq 1 and (x1, x3) at inv_freq 1/theta^(1/2) = 0.01
    ModelConfig c = RandomCheckpoints.llama().optDim(8).optHeads(2, 2).config();
    double[] invFreq = ReferenceLlama.inverseFrequencies(c, 10);
    assertArrayEquals(new double[] {1.0, 0.01}, invFreq, 1e-15);
    double[] vec = {1, 0, 0, 1, 0, 0, 0, 0};
    ReferenceLlama.rope(vec, 4, 3, invFreq);
    double[] expected = {Math.cos(3), -Math.sin(0.03), Math.sin(3), Math.cos(0.03), 0, 0, 0, 0};
    assertArrayEquals(expected, vec, 1e-15);
  }

  @Test
  void rotatingQueryAndKeyByTheSameShiftKeepsTheirDotProduct() {
    ModelConfig c = RandomCheckpoints.llama().config();
    double[] invFreq = ReferenceLlama.inverseFrequencies(c, 300);
    Random random = new Random(2);
    double[] q = gaussian(random, c.headDim());
    double[] k = gaussian(random, c.headDim());
    double near = rotatedDot(q, 9, k, 4, invFreq);
    double far = rotatedDot(q, 9 + 200, k, 4 + 200, invFreq);
    assertEquals(near, far, 1e-10);
    assertNotEquals(near, rotatedDot(q, 9, k, 5, invFreq), 1e-6, "the dot depends on m - n");
  }

  @Test
  void attentionAtTheFirstPositionReturnsItsValueExactly() {
    int nHeads = 4;
    int nKvHeads = 2;
    int headDim = 8;
    Random random = new Random(3);
    double[][] q = {gaussian(random, nHeads * headDim), gaussian(random, nHeads * headDim)};
    double[][] k = {gaussian(random, nKvHeads * headDim), gaussian(random, nKvHeads * headDim)};
    double[][] v = {gaussian(random, nKvHeads * headDim), gaussian(random, nKvHeads * headDim)};
    double[][] out = Kernels.attention(q, k, v, nHeads, nKvHeads, headDim, 0, 1.0 / Math.sqrt(headDim));
    for (int h = 0; h < nHeads; h++) {
      int kvHead = h / (nHeads / nKvHeads);
      assertArrayEquals(
          Arrays.copyOfRange(v[0], kvHead * headDim, (kvHead + 1) * headDim),
          Arrays.copyOfRange(out[0], h * headDim, (h + 1) * headDim),
          0.0,
          "head " + h);
    }
  }

  @Test
  void groupedQueryAttentionEqualsFullAttentionWithRepeatedKvHeads() {
    Checkpoint grouped = RandomCheckpoints.llama().optHeads(4, 2).build(5);
    ModelConfig full = RandomCheckpoints.llama().optHeads(4, 4).config();
    int headDim = full.headDim();
    int dim = full.dim();
    Map<String, Tensor> tensors = new HashMap<>(grouped.tensors());
    for (int l = 0; l < full.nLayers(); l++) {
      for (String proj : new String[] {"k_proj", "v_proj"}) {
        String name = "model.layers." + l + ".self_attn." + proj + ".weight";
        float[] kv = floats(grouped, name); // [2 * headDim, dim]
        float[] repeated = new float[4 * headDim * dim]; // kv head h of 4 is kv head h / 2 of 2
        for (int h = 0; h < 4; h++) {
          System.arraycopy(kv, (h / 2) * headDim * dim, repeated, h * headDim * dim, headDim * dim);
        }
        tensors.put(name, RandomCheckpoints.tensor(name, repeated, 4L * headDim, dim));
      }
    }
    Checkpoint expanded = new Checkpoint(grouped.source(), full, tensors);
    assertRowsEqual(
        ReferenceModel.of(expanded).logProbs(IDS), ReferenceModel.of(grouped).logProbs(IDS), 1e-12);
  }

  @Test
  void slidingWindowHidesOnlyKeysAtLeastWindowPositionsBack() {
    int window = 5;
    double[][] full = ReferenceModel.of(RandomCheckpoints.llama().build(6)).logProbs(IDS);
    double[][] wide =
        ReferenceModel.of(RandomCheckpoints.llama().optSlidingWindow(IDS.length).build(6))
            .logProbs(IDS);
    double[][] slid =
        ReferenceModel.of(RandomCheckpoints.llama().optSlidingWindow(window).build(6))
            .logProbs(IDS);
    assertRowsEqual(full, wide, 0.0);
    for (int t = 0; t < IDS.length; t++) {
      if (t < window) {
        assertArrayEquals(full[t], slid[t], 0.0, "position " + t + " sees all its keys");
      } else {
        assertNotEquals(full[t][IDS[t]], slid[t][IDS[t]], 1e-9, "position " + t);
      }
    }
  }

  @Test
  void llama3ScalingKeepsHighFrequenciesAndDividesLowOnesByFactor() {
    // Llama 3.1: theta 500000, factor 8, low 1, high 4, trained on 8192 positions
    RopeScaling scaling = new RopeScaling("llama3", 8, 1, 4, 8192);
    RandomCheckpoints.Builder shape =
        RandomCheckpoints.llama().optDim(128).optHeads(2, 2).optRopeTheta(500000);
    double[] plain = ReferenceLlama.inverseFrequencies(shape.config(), 10);
    double[] scaled = ReferenceLlama.inverseFrequencies(shape.optRopeScaling(scaling).config(), 10);
    int kept = 0;
    int divided = 0;
    int blended = 0;
    for (int j = 0; j < plain.length; j++) {
      double wavelen = 2 * Math.PI / plain[j];
      if (wavelen < 8192 / 4.0) {
        assertEquals(plain[j], scaled[j], 0.0, "high frequency " + j);
        kept++;
      } else if (wavelen > 8192 / 1.0) {
        assertEquals(plain[j] / 8, scaled[j], 1e-18, "low frequency " + j);
        divided++;
      } else {
        assertTrue(scaled[j] > plain[j] / 8 && scaled[j] < plain[j], "medium frequency " + j);
        blended++;
      }
    }
    assertTrue(kept > 0 && divided > 0 && blended > 0, kept + "/" + divided + "/" + blended);
  }

  @Test
  void linearScalingDividesEveryFrequencyByFactor() {
    RandomCheckpoints.Builder shape = RandomCheckpoints.llama();
    double[] plain = ReferenceLlama.inverseFrequencies(shape.config(), 10);
    double[] scaled =
        ReferenceLlama.inverseFrequencies(
            shape.optRopeScaling(new RopeScaling("linear", 4, 0, 0, 0)).config(), 10);
    for (int j = 0; j < plain.length; j++) {
      assertEquals(plain[j] / 4, scaled[j], 1e-18, "frequency " + j);
    }
  }

  @Test
  void dynamicScalingGrowsTheBaseOnlyBeyondMaxPositions() {
    // head dim 16, max 64 positions, factor 2: at L = 128 the base is theta * 3^(16/14)
    RandomCheckpoints.Builder shape =
        RandomCheckpoints.llama().optDim(32).optHeads(2, 2).optMaxPositions(64);
    double[] plain = ReferenceLlama.inverseFrequencies(shape.config(), 128);
    ModelConfig dynamic = shape.optRopeScaling(new RopeScaling("dynamic", 2, 0, 0, 0)).config();
    assertArrayEquals(plain, ReferenceLlama.inverseFrequencies(dynamic, 64), 0.0);
    double base = 10000 * Math.pow(3, 16 / 14.0);
    double[] grown = ReferenceLlama.inverseFrequencies(dynamic, 128);
    for (int j = 0; j < grown.length; j++) {
      assertEquals(Math.pow(base, -2.0 * j / 16), grown[j], 1e-15, "frequency " + j);
    }
  }

  @Test
  void targetLogProbsPickTheTargetsFromNormalisedRows() {
    ReferenceModel model =
        ReferenceModel.of(RandomCheckpoints.llama().optHeads(4, 1).optAttentionBias().build(8));
    int[] targets = Arrays.copyOfRange(IDS, 1, IDS.length + 1);
    targets[targets.length - 1] = 0;
    double[][] rows = model.logProbs(IDS);
    double[] picked = model.targetLogProbs(IDS, targets);
    for (int t = 0; t < IDS.length; t++) {
      assertEquals(1.0, Arrays.stream(rows[t]).map(Math::exp).sum(), 1e-12);
      assertEquals(rows[t][targets[t]], picked[t], 0.0);
      // random weights of std 0.1 keep the rows away from uniform, but not far
      double entropy = ReferenceModel.entropy(rows[t]);
      assertTrue(entropy > 1 && entropy < Math.log(300) - 0.1, "entropy " + entropy);
    }
  }

  @Test
  void rejectsAnInputIdOutsideTheVocabularyNamingIt() {
    ReferenceModel model = ReferenceModel.of(RandomCheckpoints.llama().build(9));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> model.logits(new int[] {1, 300}));
    assertEquals("input id 300 at position 1 is outside the vocabulary [0, 300)", e.getMessage());
  }

  @Test
  void rankCountsStrictlyHigherLogProbs() {
    double[] row = {-1.0, -0.5, -2.0, -0.5};
    assertEquals(1, ReferenceModel.rank(row, 1));
    assertEquals(1, ReferenceModel.rank(row, 3));
    assertEquals(3, ReferenceModel.rank(row, 0));
    assertEquals(4, ReferenceModel.rank(row, 2));
  }

  private static double rotatedDot(double[] q, int m, double[] k, int n, double[] invFreq) {
    double[] qm = q.clone();
    double[] kn = k.clone();
    ReferenceLlama.rope(qm, q.length, m, invFreq);
    ReferenceLlama.rope(kn, k.length, n, invFreq);
    double dot = 0;
    for (int i = 0; i < q.length; i++) {
      dot += qm[i] * kn[i];
    }
    return dot;
  }

  static void assertRowsEqual(double[][] expected, double[][] actual, double delta) {
    assertEquals(expected.length, actual.length);
    for (int t = 0; t < expected.length; t++) {
      assertArrayEquals(expected[t], actual[t], delta, "position " + t);
    }
  }

  static double[] gaussian(Random random, int n) {
    double[] out = new double[n];
    for (int i = 0; i < n; i++) {
      out[i] = random.nextGaussian();
    }
    return out;
  }

  static float[] floats(Checkpoint checkpoint, String name) {
    return checkpoint.tensors().get(name).toFloatArray();
  }

  private static Checkpoint zero(Checkpoint checkpoint, String name, int size) {
    return RandomCheckpoints.withTensor(checkpoint, name, new float[size]);
  }
}

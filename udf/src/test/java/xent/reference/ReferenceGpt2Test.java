package xent.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import xent.model.ModelConfig;
import xent.model.checkpoint.Checkpoint;

/** The GPT-2 reference against values computed in the test from the raw checkpoint layout. */
@Tag("fast")
class ReferenceGpt2Test {

  @Test
  void geluIsTheTanhApproximationNotTheErfForm() {
    assertEquals(0.0, ReferenceGpt2.gelu(0.0), 0.0);
    // 0.5 x (1 + tanh(sqrt(2/pi)(x + 0.044715 x^3))), evaluated independently
    assertEquals(0.8411919906082768, ReferenceGpt2.gelu(1.0), 1e-15); // erf form: 0.8413447
    assertEquals(-0.15880800939172324, ReferenceGpt2.gelu(-1.0), 1e-15);
    assertEquals(0.34571400982514394, ReferenceGpt2.gelu(0.5), 1e-15);
    assertEquals(1.954597694087775, ReferenceGpt2.gelu(2.0), 1e-15);
    assertEquals(-0.0036373920817729943, ReferenceGpt2.gelu(-3.0), 1e-16);
    assertEquals(30.0, ReferenceGpt2.gelu(30.0), 0.0);
  }

  @Test
  void singleHeadGpt2MatchesADirectComputationOnTwoTokens() {
    RandomCheckpoints.Builder shape =
        RandomCheckpoints.gpt2().optVocabSize(13).optDim(8).optLayers(1).optHeads(1, 1)
            .optHiddenDim(12).optMaxPositions(4).optStd(0.5);
    ModelConfig c = shape.config();
    Checkpoint checkpoint = shape.build(21);
    int[] ids = {5, 11};

    double[][] logProbs = ReferenceModel.of(checkpoint).logProbs(ids);

    int dim = c.dim();
    double eps = c.normEps();
    float[] wte = floats(checkpoint, "wte.weight");
    float[] wpe = floats(checkpoint, "wpe.weight");
    double[][] h = new double[2][dim];
    for (int t = 0; t < 2; t++) {
      for (int i = 0; i < dim; i++) {
        h[t][i] = (double) wte[ids[t] * dim + i] + wpe[t * dim + i]; // in double, not float
      }
    }
    // attention: Conv1D weights are [in, out], c_attn's outputs are q | k | v
    double[][] qkv = new double[2][];
    for (int t = 0; t < 2; t++) {
      qkv[t] = conv1D(checkpoint, "h.0.attn.c_attn", layerNorm(checkpoint, "h.0.ln_1", h[t], eps));
    }
    double scale = 1 / Math.sqrt(dim);
    double s10 = 0;
    double s11 = 0;
    for (int i = 0; i < dim; i++) {
      s10 += qkv[1][i] * qkv[0][dim + i] * scale;
      s11 += qkv[1][i] * qkv[1][dim + i] * scale;
    }
    double w10 = Math.exp(s10) / (Math.exp(s10) + Math.exp(s11));
    double[][] attended = new double[2][dim];
    for (int i = 0; i < dim; i++) {
      attended[0][i] = qkv[0][2 * dim + i]; // the first token sees only itself
      attended[1][i] = w10 * qkv[0][2 * dim + i] + (1 - w10) * qkv[1][2 * dim + i];
    }
    for (int t = 0; t < 2; t++) {
      add(h[t], conv1D(checkpoint, "h.0.attn.c_proj", attended[t]));
      double[] fc = conv1D(checkpoint, "h.0.mlp.c_fc", layerNorm(checkpoint, "h.0.ln_2", h[t], eps));
      for (int j = 0; j < fc.length; j++) {
        fc[j] = ReferenceGpt2.gelu(fc[j]);
      }
      add(h[t], conv1D(checkpoint, "h.0.mlp.c_proj", fc));
      // ln_f, tied head, log-softmax
      double[] x = layerNorm(checkpoint, "ln_f", h[t], eps);
      double[] logits = new double[c.vocabSize()];
      double sumExp = 0;
      for (int v = 0; v < logits.length; v++) {
        for (int i = 0; i < dim; i++) {
          logits[v] += wte[v * dim + i] * x[i];
        }
        sumExp += Math.exp(logits[v]);
      }
      for (int v = 0; v < logits.length; v++) {
        assertEquals(logits[v] - Math.log(sumExp), logProbs[t][v], 1e-12, "t " + t + " v " + v);
      }
    }
  }

  @Test
  void rejectsASequenceLongerThanItsLearnedPositions() {
    ReferenceModel model = ReferenceModel.of(RandomCheckpoints.gpt2().optMaxPositions(4).build(1));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> model.logits(new int[5]));
    assertEquals(
        "cannot forward a sequence of length 5, GPT-2 has only 4 learned positions",
        e.getMessage());
  }

  /** x W + b with W stored [in, out], as Hugging Face's Conv1D. */
  private static double[] conv1D(Checkpoint checkpoint, String prefix, double[] x) {
    float[] w = floats(checkpoint, prefix + ".weight");
    float[] b = floats(checkpoint, prefix + ".bias");
    double[] y = new double[b.length];
    for (int o = 0; o < b.length; o++) {
      y[o] = b[o];
      for (int i = 0; i < x.length; i++) {
        y[o] += x[i] * w[i * b.length + o];
      }
    }
    return y;
  }

  private static double[] layerNorm(Checkpoint checkpoint, String prefix, double[] x, double eps) {
    float[] w = floats(checkpoint, prefix + ".weight");
    float[] b = floats(checkpoint, prefix + ".bias");
    double mean = 0;
    for (double v : x) {
      mean += v / x.length;
    }
    double variance = 0;
    for (double v : x) {
      variance += (v - mean) * (v - mean) / x.length;
    }
    double[] y = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      y[i] = (x[i] - mean) / Math.sqrt(variance + eps) * w[i] + b[i];
    }
    return y;
  }

  private static void add(double[] x, double[] y) {
    for (int i = 0; i < x.length; i++) {
      x[i] += y[i];
    }
  }

  private static float[] floats(Checkpoint checkpoint, String name) {
    return checkpoint.tensors().get(name).toFloatArray();
  }
}

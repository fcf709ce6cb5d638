package xent.model.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import xent.RequiresSharedData;
import xent.SharedData;
import xent.Tolerance;
import xent.model.ModelConfig;

/** Reads the real stories260K llama2.c checkpoint (dim 64, hidden 172, 5 layers, 8/4 heads). */
@RequiresSharedData
class Llama2cCheckpointReaderTest {

  private static final int DIM = 64;
  private static final int HIDDEN = 172;
  private static final int LAYERS = 5;
  private static final int HEADS = 8;
  private static final int KV_HEADS = 4;
  private static final int HEAD_SIZE = 8;
  private static final int KV_DIM = KV_HEADS * HEAD_SIZE;
  private static final int VOCAB = 512;
  private static final int SEQ_LEN = 512;

  // Float offsets of the legacy blocks after the 28-byte header, in llama2.c order.
  private static final int EMBEDDING = 0;
  private static final int RMS_ATT = EMBEDDING + VOCAB * DIM;
  private static final int WQ = RMS_ATT + LAYERS * DIM;
  private static final int WK = WQ + LAYERS * DIM * DIM;
  private static final int WV = WK + LAYERS * KV_DIM * DIM;
  private static final int WO = WV + LAYERS * KV_DIM * DIM;
  private static final int RMS_FFN = WO + LAYERS * DIM * DIM;
  private static final int W1 = RMS_FFN + LAYERS * DIM;
  private static final int W2 = W1 + LAYERS * HIDDEN * DIM;
  private static final int W3 = W2 + LAYERS * DIM * HIDDEN;
  private static final int RMS_FINAL = W3 + LAYERS * HIDDEN * DIM;
  private static final int FREQ_CIS = RMS_FINAL + DIM;
  private static final int END = FREQ_CIS + SEQ_LEN * HEAD_SIZE;

  private static Path folder;
  private static int[] header;
  private static float[] raw;
  private static Checkpoint checkpoint;

  @TempDir Path dir;

  @BeforeAll
  static void readStories260k() throws IOException {
    Path model = SharedData.stories260K();
    folder = model;
    header = new int[7];
    raw = new float[END];
    try (DataInputStream in = new DataInputStream(
        new BufferedInputStream(Files.newInputStream(model.resolve("model.bin"))))) {
      for (int i = 0; i < 7; i++) {
        header[i] = Integer.reverseBytes(in.readInt());
      }
      for (int i = 0; i < END; i++) {
        raw[i] = Float.intBitsToFloat(Integer.reverseBytes(in.readInt()));
      }
      assertEquals(-1, in.read(), "stories260K has no bytes after freq_cis");
    }
    checkpoint = Checkpoints.open(model);
  }

  private static float[] raw(int offset, int length) {
    return Arrays.copyOfRange(raw, offset, offset + length);
  }

  private static float[] row(Tensor t, int row) {
    int cols = (int) t.shape()[1];
    return Arrays.copyOfRange(t.toFloatArray(), row * cols, (row + 1) * cols);
  }

  @Test
  void readsStories260kConfigAndTensorShapes() {
    assertArrayEquals(new int[] {64, 172, 5, 8, 4, 512, 512}, header);
    assertEquals(new ModelConfig(ModelConfig.Family.LLAMA, 512, 64, 5, 8, 4, 8, 172, 512, 1e-5,
        10000.0, null, true, false, 0, 1, 2), checkpoint.config());
    assertEquals(1 + 5 * 9 + 1, checkpoint.tensors().size());
    assertArrayEquals(new long[] {512, 64}, checkpoint.tensors().get("model.embed_tokens.weight").shape());
    assertArrayEquals(new long[] {32, 64},
        checkpoint.tensors().get("model.layers.4.self_attn.k_proj.weight").shape());
    assertArrayEquals(new long[] {64, 172},
        checkpoint.tensors().get("model.layers.0.mlp.down_proj.weight").shape());
    assertFalse(checkpoint.has("lm_head.weight"));
  }

  @Test
  void readsStories260kValuesAtTheirLlama2cOffsets() {
    assertArrayEquals(raw(EMBEDDING + 3 * DIM, DIM),
        row(checkpoint.tensor("model.embed_tokens.weight", VOCAB, DIM), 3));
    assertArrayEquals(raw(RMS_ATT + 2 * DIM, DIM),
        checkpoint.tensor("model.layers.2.input_layernorm.weight", DIM).toFloatArray());
    assertArrayEquals(raw(WV + 4 * KV_DIM * DIM, KV_DIM * DIM),
        checkpoint.tensor("model.layers.4.self_attn.v_proj.weight", KV_DIM, DIM).toFloatArray());
    assertArrayEquals(raw(WO + DIM * DIM, DIM * DIM),
        checkpoint.tensor("model.layers.1.self_attn.o_proj.weight", DIM, DIM).toFloatArray());
    assertArrayEquals(raw(RMS_FFN + 4 * DIM, DIM),
        checkpoint.tensor("model.layers.4.post_attention_layernorm.weight", DIM).toFloatArray());
    assertArrayEquals(raw(W1 + 3 * HIDDEN * DIM, HIDDEN * DIM),
        checkpoint.tensor("model.layers.3.mlp.gate_proj.weight", HIDDEN, DIM).toFloatArray());
    assertArrayEquals(raw(W2 + 2 * DIM * HIDDEN, DIM * HIDDEN),
        checkpoint.tensor("model.layers.2.mlp.down_proj.weight", DIM, HIDDEN).toFloatArray());
    assertArrayEquals(raw(W3, HIDDEN * DIM),
        checkpoint.tensor("model.layers.0.mlp.up_proj.weight", HIDDEN, DIM).toFloatArray());
    assertArrayEquals(raw(RMS_FINAL, DIM), checkpoint.tensor("model.norm.weight", DIM).toFloatArray());
  }

  @Test
  void permutesWqAndWkRowsFromInterleavedToRotateHalfOrder() {
    for (int layer = 0; layer < LAYERS; layer++) {
      Tensor q = checkpoint.tensor("model.layers." + layer + ".self_attn.q_proj.weight", DIM, DIM);
      Tensor k = checkpoint.tensor("model.layers." + layer + ".self_attn.k_proj.weight", KV_DIM, DIM);
      for (int h = 0; h < HEADS; h++) {
        for (int j = 0; j < HEAD_SIZE / 2; j++) {
          for (int p = 0; p < 2; p++) {
            int hfRow = h * HEAD_SIZE + p * HEAD_SIZE / 2 + j;
            int l2cRow = h * HEAD_SIZE + 2 * j + p;
            assertArrayEquals(raw(WQ + layer * DIM * DIM + l2cRow * DIM, DIM), row(q, hfRow));
            if (h < KV_HEADS) {
              assertArrayEquals(raw(WK + layer * KV_DIM * DIM + l2cRow * DIM, DIM), row(k, hfRow));
            }
          }
        }
      }
    }
  }

  /**
   * The point of the permutation: rotate-half RoPE on the permuted projections gives the same
   * attention scores as llama2.c's interleaved RoPE on the original ones.
   */
  @Test
  void rotateHalfRopeOnPermutedWeightsGivesLlama2cAttentionScores() {
    Random random = new Random(3);
    float[] x = new float[DIM];
    for (int i = 0; i < DIM; i++) {
      x[i] = (float) random.nextGaussian();
    }
    int layer = 2;
    double[] qL2c = interleavedRope(matVec(raw(WQ + layer * DIM * DIM, DIM * DIM), x, DIM), 5);
    double[] kL2c = interleavedRope(matVec(raw(WK + layer * KV_DIM * DIM, KV_DIM * DIM), x, KV_DIM), 3);
    double[] qHf = rotateHalfRope(matVec(checkpoint.tensors()
        .get("model.layers.2.self_attn.q_proj.weight").toFloatArray(), x, DIM), 5);
    double[] kHf = rotateHalfRope(matVec(checkpoint.tensors()
        .get("model.layers.2.self_attn.k_proj.weight").toFloatArray(), x, KV_DIM), 3);
    for (int h = 0; h < HEADS; h++) {
      int kvHead = h / (HEADS / KV_HEADS);
      double l2c = 0;
      double hf = 0;
      double magnitude = 0;
      for (int i = 0; i < HEAD_SIZE; i++) {
        l2c += qL2c[h * HEAD_SIZE + i] * kL2c[kvHead * HEAD_SIZE + i];
        hf += qHf[h * HEAD_SIZE + i] * kHf[kvHead * HEAD_SIZE + i];
        magnitude += Math.abs(qL2c[h * HEAD_SIZE + i] * kL2c[kvHead * HEAD_SIZE + i]);
      }
      // The same products of the same floats, paired in another order: double rounding only.
      assertEquals(l2c, hf, Tolerance.doubleSum(magnitude), "head " + h);
    }
  }

  private static double[] matVec(float[] w, float[] x, int rows) {
    double[] out = new double[rows];
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < x.length; c++) {
        out[r] += (double) w[r * x.length + c] * x[c];
      }
    }
    return out;
  }

  /** llama2.c run.c: rotate (v[i], v[i+1]) for even i by pos * 10000^(-(i % head_size) / head_size). */
  private static double[] interleavedRope(double[] v, int pos) {
    double[] out = v.clone();
    for (int i = 0; i < v.length; i += 2) {
      double angle = pos * Math.pow(10000, -(double) (i % HEAD_SIZE) / HEAD_SIZE);
      out[i] = v[i] * Math.cos(angle) - v[i + 1] * Math.sin(angle);
      out[i + 1] = v[i] * Math.sin(angle) + v[i + 1] * Math.cos(angle);
    }
    return out;
  }

  /** Hugging Face: x * cos + rotate_half(x) * sin, pairing (x[i], x[i + head_size/2]). */
  private static double[] rotateHalfRope(double[] v, int pos) {
    double[] out = v.clone();
    int half = HEAD_SIZE / 2;
    for (int head = 0; head < v.length / HEAD_SIZE; head++) {
      for (int i = 0; i < half; i++) {
        int a = head * HEAD_SIZE + i;
        int b = a + half;
        double angle = pos * Math.pow(10000, -2.0 * i / HEAD_SIZE);
        out[a] = v[a] * Math.cos(angle) - v[b] * Math.sin(angle);
        out[b] = v[b] * Math.cos(angle) + v[a] * Math.sin(angle);
      }
    }
    return out;
  }

  @Test
  void readsVersion1FileOfTheSameWeightsAsIdenticalTensors() throws IOException {
    ByteBuffer v1 = ByteBuffer.allocate(256 + 4 * (END - SEQ_LEN * HEAD_SIZE))
        .order(ByteOrder.LITTLE_ENDIAN);
    v1.putInt(0x616b3432).putInt(1);
    for (int value : header) {
      v1.putInt(value);
    }
    v1.put((byte) 1).position(256);
    int[][] blocks = {{RMS_ATT, WQ}, {RMS_FFN, W1}, {RMS_FINAL, FREQ_CIS}, {EMBEDDING, RMS_ATT},
        {WQ, WK}, {WK, WV}, {WV, WO}, {WO, RMS_FFN}, {W1, W2}, {W2, W3}, {W3, RMS_FINAL}};
    for (int[] block : blocks) {
      for (int i = block[0]; i < block[1]; i++) {
        v1.putFloat(raw[i]);
      }
    }
    Path file = dir.resolve("stories260K-v1.bin");
    Files.write(file, v1.array());

    Checkpoint fromV1 = Checkpoints.open(file);

    assertEquals(checkpoint.config(), fromV1.config());
    assertEquals(checkpoint.tensors().keySet(), fromV1.tensors().keySet());
    for (String name : checkpoint.tensors().keySet()) {
      assertEquals(checkpoint.tensors().get(name).data(), fromV1.tensors().get(name).data(), name);
    }
  }

  @Test
  void readsSeparateClassifierWhenLegacyVocabSizeIsNegative() throws IOException {
    ByteBuffer bytes = ByteBuffer.allocate(28 + 4 * (END + VOCAB * DIM)).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < 7; i++) {
      bytes.putInt(i == 5 ? -VOCAB : header[i]);
    }
    for (float v : raw) {
      bytes.putFloat(v);
    }
    for (int i = 0; i < VOCAB * DIM; i++) {
      bytes.putFloat(0.5f * raw[EMBEDDING + i]);
    }
    Path model = Files.createDirectories(dir.resolve("untied")).resolve("model.bin");
    Files.write(model, bytes.array());

    Checkpoint untied = Checkpoints.open(model.getParent());

    assertFalse(untied.config().tiedEmbeddings());
    assertEquals(0.5f * raw[EMBEDDING + 7 * DIM + 9],
        untied.tensor("lm_head.weight", VOCAB, DIM).toFloatArray()[7 * DIM + 9]);
  }

  @Test
  void rejectsFileWhoseSizeDisagreesWithItsHeader() throws IOException {
    Path model = dir.resolve("model.bin");
    byte[] bytes = Files.readAllBytes(folder.resolve("model.bin"));
    Files.write(model, Arrays.copyOf(bytes, bytes.length + 4));

    IOException e = assertThrows(MalformedCheckpointException.class, () -> Checkpoints.open(dir));

    assertEquals("llama2.c file " + model + ": header (version 0, dim 64, hidden_dim 172,"
        + " n_layers 5, n_heads 8, n_kv_heads 4, vocab_size 512, seq_len 512, shared classifier"
        + " true) implies 1056540 bytes, file has 1056544 bytes", e.getMessage());
  }

  @Test
  void refusesInt8QuantisedVersion2() throws IOException {
    ByteBuffer bytes = ByteBuffer.allocate(256).order(ByteOrder.LITTLE_ENDIAN);
    bytes.putInt(0x616b3432).putInt(2);
    for (int value : header) {
      bytes.putInt(value);
    }
    Path file = dir.resolve("q80.bin");
    Files.write(file, bytes.array());

    IOException e = assertThrows(MalformedCheckpointException.class, () -> Checkpoints.open(file));

    assertTrue(e.getMessage().startsWith("llama2.c file " + file + " is a version 2 file (int8 Q8_0"
        + " quantised weights)"), e.getMessage());
  }
}

package xent.reference;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import xent.model.AttentionVariant;
import xent.model.BlockVariant;
import xent.model.ModelConfig;
import xent.model.ModelFamily;
import xent.model.TensorRole;
import xent.model.TensorSpec;
import xent.model.RopeScaling;
import xent.model.checkpoint.Checkpoint;
import xent.model.checkpoint.DType;
import xent.model.checkpoint.HfCheckpointWriter;
import xent.model.checkpoint.Tensor;
import xent.tokenize.TokenizerJsonWriter;

/**
 * In-memory checkpoints with random float32 weights, for tests: matrices and biases ~ N(0, std)
 * (std 0.1 unless set), norm gains ~ 1 + N(0, std), so that log-probs are far from uniform yet
 * finite. The same config and seed always give the same weights.
 *
 * <pre>
 * Checkpoint c = RandomCheckpoints.llama().optHeads(4, 2).optUntiedHead().build(7);
 * </pre>
 */
public final class RandomCheckpoints {

  private RandomCheckpoints() {}

  /** A small Llama: vocab 300, dim 64, 2 layers, 4 heads, tied head, theta 10000. */
  public static Builder llama() {
    return new Builder(ModelConfig.Family.LLAMA);
  }

  /** A small GPT-2: vocab 300, dim 64, 2 layers, 4 heads, hidden 4 * dim, 256 positions. */
  public static Builder gpt2() {
    return new Builder(ModelConfig.Family.GPT2);
  }

  /**
   * Writes {@code checkpoint} as a Hugging Face folder (F32, one shard) with a byte-level
   * tokenizer.json, so any text scores with it; the vocabulary must be 257 (256 bytes and
   * {@code <|endoftext|>}).
   */
  public static Path writeFolder(Path folder, Checkpoint checkpoint) throws IOException {
    HfCheckpointWriter.write(folder, checkpoint.config(), checkpoint.tensors(), DType.F32, 1);
    TokenizerJsonWriter.writeByteLevel(folder.resolve("tokenizer.json"), List.of(), List.of("<|endoftext|>"));
    return folder;
  }

  /** Knobs over a small default config; every knob is optional. */
  public static final class Builder {
    private final ModelConfig.Family family;
    private int vocabSize = 300;
    private int dim = 64;
    private int nLayers = 2;
    private int nHeads = 4;
    private int nKvHeads = 4;
    private int headDim; // 0: dim / nHeads
    private int hiddenDim; // 0: 8 * dim / 3 (Llama) or 4 * dim (GPT-2)
    private int maxPositions = 256;
    private double ropeTheta = 10000;
    private RopeScaling ropeScaling;
    private boolean tiedEmbeddings = true;
    private boolean attentionBias;
    private int slidingWindow;
    private List<Boolean> slidingLayers; // null: every layer slides when slidingWindow is set
    private boolean outputBias;
    private boolean qkNorm;
    private boolean scaleByHeadDim = true;
    private boolean scaleByInverseLayer;
    private double std = 0.1;

    private Builder(ModelConfig.Family family) {
      this.family = family;
    }

    public Builder optVocabSize(int vocabSize) {
      this.vocabSize = vocabSize;
      return this;
    }

    public Builder optDim(int dim) {
      this.dim = dim;
      return this;
    }

    public Builder optLayers(int nLayers) {
      this.nLayers = nLayers;
      return this;
    }

    /** Query and key/value heads; nKvHeads below nHeads gives grouped-query attention (Llama). */
    public Builder optHeads(int nHeads, int nKvHeads) {
      this.nHeads = nHeads;
      this.nKvHeads = nKvHeads;
      return this;
    }

    public Builder optHeadDim(int headDim) {
      this.headDim = headDim;
      return this;
    }

    public Builder optHiddenDim(int hiddenDim) {
      this.hiddenDim = hiddenDim;
      return this;
    }

    public Builder optMaxPositions(int maxPositions) {
      this.maxPositions = maxPositions;
      return this;
    }

    public Builder optRopeTheta(double ropeTheta) {
      this.ropeTheta = ropeTheta;
      return this;
    }

    public Builder optRopeScaling(RopeScaling ropeScaling) {
      this.ropeScaling = ropeScaling;
      return this;
    }

    /** A separate lm_head.weight instead of the token embedding as the head. */
    public Builder optUntiedHead() {
      this.tiedEmbeddings = false;
      return this;
    }

    /** Biases on q_proj, k_proj and v_proj, as in Qwen2 (Llama only). */
    public Builder optAttentionBias() {
      this.attentionBias = true;
      return this;
    }

    public Builder optSlidingWindow(int slidingWindow) {
      this.slidingWindow = slidingWindow;
      return this;
    }

    /** Which layers slide (Qwen2's layer_types); the others see the whole prefix. */
    public Builder optSlidingLayers(Boolean... slidingLayers) {
      this.slidingLayers = List.of(slidingLayers);
      return this;
    }

    /** Biases on q, k, v and o_proj, as Llama's attention_bias (Llama only). */
    public Builder optLlamaAttentionBias() {
      this.attentionBias = true;
      this.outputBias = true;
      return this;
    }

    /** Qwen3's per-head RMSNorm of queries and keys (Llama only). */
    public Builder optQkNorm() {
      this.qkNorm = true;
      return this;
    }

    /** GPT-2's scale_attn_weights and scale_attn_by_inverse_layer_idx. */
    public Builder optScoreScaling(boolean byHeadDim, boolean byInverseLayer) {
      this.scaleByHeadDim = byHeadDim;
      this.scaleByInverseLayer = byInverseLayer;
      return this;
    }

    /** Standard deviation of the random weights (default 0.1). */
    public Builder optStd(double std) {
      this.std = std;
      return this;
    }

    public ModelConfig config() {
      boolean llama = family == ModelConfig.Family.LLAMA;
      int window = llama ? slidingWindow : 0;
      List<Boolean> sliding = slidingLayers != null ? slidingLayers
          : Collections.nCopies(nLayers, window > 0);
      AttentionVariant attention = new AttentionVariant(llama && outputBias, sliding,
          scaleByHeadDim, scaleByInverseLayer, llama && qkNorm, 1.0);
      return new ModelConfig(
          family,
          vocabSize,
          dim,
          nLayers,
          nHeads,
          llama ? nKvHeads : nHeads,
          headDim > 0 ? headDim : dim / nHeads,
          hiddenDim > 0 ? hiddenDim : llama ? 8 * dim / 3 : 4 * dim,
          maxPositions,
          1e-5,
          ropeTheta,
          llama ? ropeScaling : null,
          tiedEmbeddings,
          llama && attentionBias,
          window,
          llama ? 1 : vocabSize - 1,
          llama ? 2 : vocabSize - 1,
          attention,
          BlockVariant.standard(family));
    }

    public Checkpoint build(long seed) {
      return random(config(), seed, std);
    }
  }

  /** Random weights of every tensor {@code config}'s family declares, in declaration order. */
  public static Checkpoint random(ModelConfig config, long seed, double std) {
    Weights w = new Weights(new Random(seed), std);
    for (TensorSpec spec : ModelFamily.tensorsOf(config)) {
      if (spec.role() == TensorRole.NORM_GAIN) {
        w.gain(spec.name(), spec.shape());
      } else {
        w.matrix(spec.name(), spec.shape());
      }
    }
    Path source = Path.of("random-" + config.family().name().toLowerCase() + "-seed-" + seed);
    return new Checkpoint(source, config, w.tensors);
  }

  /** {@code checkpoint} with tensor {@code name} replaced by {@code values}, shape unchanged. */
  public static Checkpoint withTensor(Checkpoint checkpoint, String name, float[] values) {
    Tensor old = checkpoint.tensors().get(name);
    if (old == null) {
      throw new IllegalArgumentException(checkpoint.source() + ": no tensor " + name + " to replace");
    }
    Map<String, Tensor> tensors = new HashMap<>(checkpoint.tensors());
    tensors.put(name, tensor(name, values, old.shape()));
    return new Checkpoint(checkpoint.source(), checkpoint.config(), tensors);
  }

  /** A float32 tensor holding {@code values} in a little-endian heap buffer. */
  public static Tensor tensor(String name, float[] values, long... shape) {
    ByteBuffer data = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    for (float v : values) {
      data.putFloat(v);
    }
    return new Tensor(name, DType.F32, shape, data.flip());
  }

  /** Draws the tensors in the order they are added, so a seed always gives the same weights. */
  private static final class Weights {
    private final Random random;
    private final double std;
    private final Map<String, Tensor> tensors = new LinkedHashMap<>();

    Weights(Random random, double std) {
      this.random = random;
      this.std = std;
    }

    /** N(0, std) values: weight matrices, biases, embeddings. */
    void matrix(String name, long... shape) {
      add(name, 0, shape);
    }

    /** 1 + N(0, std) values: RMSNorm and LayerNorm gains. */
    void gain(String name, long... shape) {
      add(name, 1, shape);
    }

    private void add(String name, double mean, long... shape) {
      long n = 1;
      for (long d : shape) {
        n *= d;
      }
      float[] values = new float[Math.toIntExact(n)];
      for (int i = 0; i < values.length; i++) {
        values[i] = (float) (mean + std * random.nextGaussian());
      }
      tensors.put(name, tensor(name, values, shape));
    }
  }
}

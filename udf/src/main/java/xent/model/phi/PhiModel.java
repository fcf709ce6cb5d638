package xent.model.phi;

import static xent.model.TensorRole.BIAS;
import static xent.model.TensorRole.EMBEDDING;
import static xent.model.TensorRole.HEAD;
import static xent.model.TensorRole.NORM_GAIN;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.core.Embedding;
import java.util.List;
import java.util.regex.Pattern;
import xent.model.Attention;
import xent.model.BlockScope;
import xent.model.DeclaredLm;
import xent.model.DenseMlp;
import xent.model.ModelConfig;
import xent.model.ModelFamily;
import xent.model.Norms;
import xent.model.ParallelBlock;
import xent.model.RotaryAttention;
import xent.model.RotaryEmbedding;
import xent.model.TensorSpec;
import xent.model.Weights;

/**
 * Phi-1, Phi-1.5 and Phi-2 (PhiForCausalLM): one LayerNorm per block feeding attention and MLP in
 * parallel, x + attention(n) + mlp(n), n = input_layernorm(x); partial rotary
 * (partial_rotary_factor), biases on every projection, a GELU MLP (gelu_new) and an untied head
 * with a bias. (The config reader refuses qk_layernorm.)
 */
public final class PhiModel extends DeclaredLm {

  public static final ModelFamily FAMILY = new ModelFamily(PhiModel::tensors, PhiModel::new,
      "lm_head.weight", "",
      Pattern.compile("model\\.layers\\.\\d+\\.self_attn\\.rotary_emb\\.inv_freq"));

  /** The checkpoint tensors of {@code c}, in checkpoint order. */
  static List<TensorSpec> tensors(ModelConfig c) {
    long dim = c.dim();
    TensorSpec.Declaration d = new TensorSpec.Declaration();
    d.add("model.embed_tokens.weight", EMBEDDING, "(vocab_size, dim)", c.vocabSize(), dim);
    d.layers(c.nLayers(), "model.layers.%d.", i -> {
      d.add("input_layernorm.weight", NORM_GAIN, "(dim)", dim);
      d.add("input_layernorm.bias", BIAS, "(dim)", dim);
      RotaryAttention.declare(d, c, "self_attn.", "dense");
      DenseMlp.declare(d, c, "mlp.", "fc1", "fc2");
    });
    d.add("model.final_layernorm.weight", NORM_GAIN, "(dim)", dim);
    d.add("model.final_layernorm.bias", BIAS, "(dim)", dim);
    if (!c.tiedEmbeddings()) {
      d.add("lm_head.weight", HEAD, "(vocab_size, dim)", c.vocabSize(), dim);
    }
    d.add("lm_head.bias", BIAS, "(vocab_size)", c.vocabSize());
    return d.specs();
  }

  private final NDArray embedTokens; // [V, dim]
  private final ParallelBlock[] layers; // input_layernorm, self_attn (biases), mlp fc1 / fc2
  private final NDArray normWeight; // [dim] final_layernorm
  private final NDArray normBias; // [dim]
  private final NDArray head; // [V, dim]
  private final NDArray headBias; // [V]
  private final RotaryEmbedding rope;

  public PhiModel(ModelConfig config, Weights weights) {
    super(config, weights);
    embedTokens = weights.get("model.embed_tokens.weight");
    layers = new ParallelBlock[config.nLayers()];
    for (int i = 0; i < layers.length; i++) {
      String p = "model.layers." + i + ".";
      layers[i] = new ParallelBlock(
          weights.get(p + "input_layernorm.weight"), weights.get(p + "input_layernorm.bias"),
          RotaryAttention.load(weights, p + "self_attn.", "dense", config),
          DenseMlp.load(weights, p + "mlp.", "fc1", "fc2"));
    }
    normWeight = weights.get("model.final_layernorm.weight");
    normBias = weights.get("model.final_layernorm.bias");
    head = weights.head(embedTokens);
    headBias = weights.get("lm_head.bias");
    rope = new RotaryEmbedding(config);
  }

  @Override
  public NDArray hiddenStates(NDArray tokens) {
    NDManager batch = tokens.getManager();
    NDList rotation = rope.tables(batch, tokens.getShape().get(1)); // cos, sin [1, T, 1, rd/2]
    NDArray[] masks = Attention.layerMasks(batch, tokens.getShape().get(1), config); // [T, T]

    NDArray x = Embedding.embedding(tokens, embedTokens, SparseFormat.DENSE).singletonOrThrow();
    for (int i = 0; i < layers.length; i++) { // x: [B, T, dim]
      ParallelBlock block = layers[i];
      int index = i;
      // x + dense(attention(rope(q), rope(k), v)) + fc2(gelu(fc1(n))), n = input_layernorm(x)
      x = BlockScope.run(x, in -> block.apply(in, config, rope, rotation, masks[index], index));
    }
    return Norms.layer(x, normWeight, normBias, config.normEps());
  }

  @Override
  public NDArray head() {
    return head;
  }

  @Override
  public NDArray headBias() {
    return headBias;
  }
}

package xent.model.stablelm;

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
import xent.model.GatedMlp;
import xent.model.ModelConfig;
import xent.model.ModelFamily;
import xent.model.Norms;
import xent.model.RotaryAttention;
import xent.model.RotaryEmbedding;
import xent.model.TensorSpec;
import xent.model.Weights;

/**
 * StableLM (StableLmForCausalLM: StableLM 2, StableLM-3B-4E1T): Llama's tensor names with
 * LayerNorms carrying biases, partial rotary (partial_rotary_factor), optional q/k/v biases
 * (use_qkv_bias) and an optional parallel residual, x + attention(n) + mlp(n) with n =
 * input_layernorm(x) (use_parallel_residual, no post_attention_layernorm then), and optional
 * bias-free LayerNorms of each q and k head with a gain per head, before RoPE (qk_layernorm).
 */
public final class StableLmModel extends DeclaredLm {

  public static final ModelFamily FAMILY = new ModelFamily(StableLmModel::tensors,
      StableLmModel::new, "lm_head.weight", "",
      Pattern.compile("model\\.layers\\.\\d+\\.self_attn\\.rotary_emb\\.inv_freq"));

  /** The checkpoint tensors of {@code c}, in checkpoint order. */
  static List<TensorSpec> tensors(ModelConfig c) {
    long dim = c.dim();
    boolean parallel = c.block().parallelResidual();
    TensorSpec.Declaration d = new TensorSpec.Declaration();
    d.add("model.embed_tokens.weight", EMBEDDING, "(vocab_size, dim)", c.vocabSize(), dim);
    d.layers(c.nLayers(), "model.layers.%d.", i -> {
      d.add("input_layernorm.weight", NORM_GAIN, "(dim)", dim);
      d.add("input_layernorm.bias", BIAS, "(dim)", dim);
      RotaryAttention.declare(d, c);
      if (!parallel) {
        d.add("post_attention_layernorm.weight", NORM_GAIN, "(dim)", dim);
        d.add("post_attention_layernorm.bias", BIAS, "(dim)", dim);
      }
      GatedMlp.declare(d, c);
    });
    d.add("model.norm.weight", NORM_GAIN, "(dim)", dim);
    d.add("model.norm.bias", BIAS, "(dim)", dim);
    if (!c.tiedEmbeddings()) {
      d.add("lm_head.weight", HEAD, "(vocab_size, dim)", c.vocabSize(), dim);
    }
    return d.specs();
  }

  /** One decoder layer's weights; the post-attention norm is null with a parallel residual. */
  private record Layer(
      NDArray inputNormWeight, NDArray inputNormBias, // [dim] input_layernorm
      RotaryAttention attention,
      NDArray postNormWeight, NDArray postNormBias, // [dim] post_attention_layernorm, or null
      GatedMlp mlp) {}

  private final NDArray embedTokens; // [V, dim]
  private final Layer[] layers;
  private final NDArray normWeight; // [dim]
  private final NDArray normBias; // [dim]
  private final NDArray head; // [V, dim]
  private final RotaryEmbedding rope;

  public StableLmModel(ModelConfig config, Weights weights) {
    super(config, weights);
    boolean parallel = config.block().parallelResidual();
    embedTokens = weights.get("model.embed_tokens.weight");
    layers = new Layer[config.nLayers()];
    for (int i = 0; i < layers.length; i++) {
      String p = "model.layers." + i + ".";
      layers[i] = new Layer(
          weights.get(p + "input_layernorm.weight"), weights.get(p + "input_layernorm.bias"),
          RotaryAttention.load(weights, p + "self_attn.", config),
          parallel ? null : weights.get(p + "post_attention_layernorm.weight"),
          parallel ? null : weights.get(p + "post_attention_layernorm.bias"),
          GatedMlp.load(weights, p + "mlp."));
    }
    normWeight = weights.get("model.norm.weight");
    normBias = weights.get("model.norm.bias");
    head = weights.head(embedTokens);
    rope = new RotaryEmbedding(config);
  }

  @Override
  public NDArray hiddenStates(NDArray tokens) {
    NDManager batch = tokens.getManager();
    NDList rotation = rope.tables(batch, tokens.getShape().get(1)); // cos, sin [1, T, 1, rd/2]
    NDArray[] masks = Attention.layerMasks(batch, tokens.getShape().get(1), config); // [T, T]
    double eps = config.normEps();

    NDArray x = Embedding.embedding(tokens, embedTokens, SparseFormat.DENSE).singletonOrThrow();
    for (int i = 0; i < layers.length; i++) { // x: [B, T, dim]
      Layer l = layers[i];
      int index = i;
      if (l.postNormWeight == null) {
        // parallel: x + attention(n) + mlp(n), n = input_layernorm(x)
        x = BlockScope.run(x, in -> {
          NDArray n = Norms.layer(in, l.inputNormWeight, l.inputNormBias, eps); // [B, T, dim]
          return in.add(l.attention.apply(n, config, rope, rotation, masks[index], index))
              .add(l.mlp.apply(n, config.block().activation()));
        });
      } else {
        // x + o_proj(attention(rope(q), rope(k), v)), q, k, v = qkv_proj(input_layernorm(x)),
        // then x + down_proj(silu(gate_proj(n)) * up_proj(n)), n = post_attention_layernorm(x)
        x = BlockScope.run(x, in -> in.add(l.attention.apply(
            Norms.layer(in, l.inputNormWeight, l.inputNormBias, eps), config, rope, rotation,
            masks[index], index)));
        x = BlockScope.run(x, in -> in.add(l.mlp.apply(
            Norms.layer(in, l.postNormWeight, l.postNormBias, eps), config.block().activation())));
      }
    }
    return Norms.layer(x, normWeight, normBias, eps);
  }

  @Override
  public NDArray head() {
    return head;
  }
}

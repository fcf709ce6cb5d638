package xent.model.llama;

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
 * The Llama family (LlamaForCausalLM, MistralForCausalLM, Qwen2ForCausalLM, Qwen3ForCausalLM,
 * and Phi3ForCausalLM, whose checkpoints store the projections fused, see {@link
 * xent.model.phi3.Phi3Model}): RMSNorm, RoPE, grouped-query attention with per-layer sliding
 * windows, Qwen3's per-head q/k RMSNorm, SwiGLU.
 *
 * <p>Weights keep their Hugging Face names; linear weights are [out, in].
 */
public final class LlamaModel extends DeclaredLm {

  public static final ModelFamily FAMILY = new ModelFamily(LlamaModel::tensors, LlamaModel::new,
      "lm_head.weight", "",
      Pattern.compile("model\\.layers\\.\\d+\\.self_attn\\.rotary_emb\\.inv_freq"));

  /** The checkpoint tensors of {@code c}, in checkpoint order. */
  public static List<TensorSpec> tensors(ModelConfig c) {
    long dim = c.dim();
    TensorSpec.Declaration d = new TensorSpec.Declaration();
    d.add("model.embed_tokens.weight", EMBEDDING, "(vocab_size, dim)", c.vocabSize(), dim);
    d.layers(c.nLayers(), "model.layers.%d.", i -> {
      d.add("input_layernorm.weight", NORM_GAIN, "(dim)", dim);
      RotaryAttention.declare(d, c);
      d.add("post_attention_layernorm.weight", NORM_GAIN, "(dim)", dim);
      GatedMlp.declare(d, c);
    });
    d.add("model.norm.weight", NORM_GAIN, "(dim)", dim);
    if (!c.tiedEmbeddings()) {
      d.add("lm_head.weight", HEAD, "(vocab_size, dim)", c.vocabSize(), dim);
    }
    return d.specs();
  }

  /** One decoder layer's weights. */
  private record Layer(
      NDArray inputNorm, // [dim]
      RotaryAttention attention,
      NDArray postNorm, // [dim]
      GatedMlp mlp) {}

  private final NDArray embedTokens; // [V, dim]
  private final Layer[] layers;
  private final NDArray norm; // [dim]
  private final NDArray head; // [V, dim]
  private final RotaryEmbedding rope;

  public LlamaModel(ModelConfig config, Weights weights) {
    super(config, weights);
    embedTokens = weights.get("model.embed_tokens.weight");
    layers = new Layer[config.nLayers()];
    // Phi-3 stores qkv_proj = [q | k | v] and gate_up_proj = [gate | up] as Llama stacks them
    boolean fused = config.family() == ModelConfig.Family.PHI3;
    for (int i = 0; i < layers.length; i++) {
      String p = "model.layers." + i + ".";
      NDArray inputNorm = weights.get(p + "input_layernorm.weight");
      RotaryAttention attention = fused
          ? RotaryAttention.loadFused(weights, p + "self_attn.", "qkv_proj", "o_proj", config, false)
          : RotaryAttention.load(weights, p + "self_attn.", config);
      NDArray postNorm = weights.get(p + "post_attention_layernorm.weight");
      GatedMlp mlp = fused
          ? GatedMlp.loadFused(weights, p + "mlp.")
          : GatedMlp.load(weights, p + "mlp.", config);
      layers[i] = new Layer(inputNorm, attention, postNorm, mlp);
    }
    norm = weights.get("model.norm.weight");
    head = weights.head(embedTokens);
    rope = new RotaryEmbedding(config);
  }

  @Override
  public NDArray hiddenStates(NDArray tokens) {
    NDManager batch = tokens.getManager();
    NDList rotation = rope.tables(batch, tokens.getShape().get(1)); // cos, sin [1, T, 1, hs/2]
    NDArray[] masks = Attention.layerMasks(batch, tokens.getShape().get(1), config); // [T, T]

    NDArray x = Embedding.embedding(tokens, embedTokens, SparseFormat.DENSE).singletonOrThrow();
    for (int i = 0; i < layers.length; i++) { // x: [B, T, dim]
      Layer layer = layers[i];
      int index = i;
      // x + o_proj(attention(rope(q), rope(k), v)), q, k, v = qkv_proj(input_layernorm(x));
      // Qwen3 RMS-normalises every head of q and k first
      x = BlockScope.run(x, in -> in.add(layer.attention.apply(
          Norms.rms(in, layer.inputNorm, config.normEps()), config, rope, rotation, masks[index],
          index)));
      // x + down_proj(silu(gate_proj(n)) * up_proj(n)), n = post_attention_layernorm(x)
      x = BlockScope.run(x, in -> in.add(layer.mlp.apply(
          Norms.rms(in, layer.postNorm, config.normEps()), config.block().activation())));
    }
    return Norms.rms(x, norm, config.normEps());
  }

  @Override
  public NDArray head() {
    return head;
  }
}

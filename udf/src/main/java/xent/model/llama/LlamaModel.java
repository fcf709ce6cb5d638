package xent.model.llama;

import static xent.model.TensorRole.BIAS;
import static xent.model.TensorRole.EMBEDDING;
import static xent.model.TensorRole.HEAD;
import static xent.model.TensorRole.MATRIX;
import static xent.model.TensorRole.NORM_GAIN;
import static xent.model.TensorRole.RESIDUAL_PROJECTION;

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
import xent.model.ModelConfig;
import xent.model.ModelFamily;
import xent.model.Norms;
import xent.model.RotaryEmbedding;
import xent.model.TensorSpec;
import xent.model.Weights;

/**
 * The Llama family (LlamaForCausalLM, MistralForCausalLM, Qwen2ForCausalLM, Qwen3ForCausalLM):
 * RMSNorm, RoPE, grouped-query attention with per-layer sliding windows, Qwen3's per-head q/k
 * RMSNorm, SwiGLU.
 *
 * <p>Weights keep their Hugging Face names; linear weights are [out, in].
 */
public final class LlamaModel extends DeclaredLm {

  public static final ModelFamily FAMILY = new ModelFamily(LlamaModel::tensors, LlamaModel::new,
      "lm_head.weight", "",
      Pattern.compile("model\\.layers\\.\\d+\\.self_attn\\.rotary_emb\\.inv_freq"));

  /** The checkpoint tensors of {@code c}, in checkpoint order. */
  static List<TensorSpec> tensors(ModelConfig c) {
    long dim = c.dim();
    long q = (long) c.nHeads() * c.headDim();
    long kv = c.kvDim();
    long hidden = c.hiddenDim();
    TensorSpec.Declaration d = new TensorSpec.Declaration();
    d.add("model.embed_tokens.weight", EMBEDDING, "(vocab_size, dim)", c.vocabSize(), dim);
    d.layers(c.nLayers(), "model.layers.%d.", i -> {
      d.add("input_layernorm.weight", NORM_GAIN, "(dim)", dim);
      d.add("self_attn.q_proj.weight", MATRIX, "(n_heads * head_dim, dim)", q, dim);
      d.add("self_attn.k_proj.weight", MATRIX, "(n_kv_heads * head_dim, dim)", kv, dim);
      d.add("self_attn.v_proj.weight", MATRIX, "(n_kv_heads * head_dim, dim)", kv, dim);
      if (c.attentionBias()) {
        d.add("self_attn.q_proj.bias", BIAS, "(n_heads * head_dim)", q);
        d.add("self_attn.k_proj.bias", BIAS, "(n_kv_heads * head_dim)", kv);
        d.add("self_attn.v_proj.bias", BIAS, "(n_kv_heads * head_dim)", kv);
      }
      d.add("self_attn.o_proj.weight", RESIDUAL_PROJECTION, "(dim, n_heads * head_dim)", dim, q);
      if (c.attention().outputBias()) {
        d.add("self_attn.o_proj.bias", BIAS, "(dim)", dim);
      }
      if (c.attention().qkNorm()) {
        d.add("self_attn.q_norm.weight", NORM_GAIN, "(head_dim)", c.headDim());
        d.add("self_attn.k_norm.weight", NORM_GAIN, "(head_dim)", c.headDim());
      }
      d.add("post_attention_layernorm.weight", NORM_GAIN, "(dim)", dim);
      d.add("mlp.gate_proj.weight", MATRIX, "(hidden_dim, dim)", hidden, dim);
      d.add("mlp.up_proj.weight", MATRIX, "(hidden_dim, dim)", hidden, dim);
      d.add("mlp.down_proj.weight", RESIDUAL_PROJECTION, "(dim, hidden_dim)", dim, hidden);
    });
    d.add("model.norm.weight", NORM_GAIN, "(dim)", dim);
    if (!c.tiedEmbeddings()) {
      d.add("lm_head.weight", HEAD, "(vocab_size, dim)", c.vocabSize(), dim);
    }
    return d.specs();
  }

  /**
   * One decoder layer's weights. The q, k and v projections are stacked into one matrix, and so
   * are gate and up: one large matrix multiply runs faster than three small ones (2x at width 288
   * on this CPU).
   */
  private record Layer(
      NDArray inputNorm, // [dim]
      NDArray wqkv, // [(H + 2 KV) * hs, dim]: q_proj, k_proj, v_proj stacked
      NDArray bqkv, // [(H + 2 KV) * hs] or null
      NDArray wo, // [dim, H * hs]
      NDArray bo, // [dim] or null
      NDArray qNorm, // [hs] or null
      NDArray kNorm, // [hs] or null
      NDArray postNorm, // [dim]
      NDArray gateUp, // [2 * hidden, dim]: gate_proj, up_proj stacked
      NDArray down) {} // [dim, hidden]

  private final NDArray embedTokens; // [V, dim]
  private final Layer[] layers;
  private final NDArray norm; // [dim]
  private final NDArray head; // [V, dim]
  private final RotaryEmbedding rope;

  public LlamaModel(ModelConfig config, Weights weights) {
    super(config, weights);
    embedTokens = weights.get("model.embed_tokens.weight");
    layers = new Layer[config.nLayers()];
    for (int i = 0; i < layers.length; i++) {
      String p = "model.layers." + i + ".";
      String a = p + "self_attn.";
      layers[i] = new Layer(
          weights.get(p + "input_layernorm.weight"),
          weights.stacked(a + "qkv_proj.weight",
              a + "q_proj.weight", a + "k_proj.weight", a + "v_proj.weight"),
          config.attentionBias() ? weights.stacked(a + "qkv_proj.bias",
              a + "q_proj.bias", a + "k_proj.bias", a + "v_proj.bias") : null,
          weights.get(a + "o_proj.weight"),
          config.attention().outputBias() ? weights.get(a + "o_proj.bias") : null,
          config.attention().qkNorm() ? weights.get(a + "q_norm.weight") : null,
          config.attention().qkNorm() ? weights.get(a + "k_norm.weight") : null,
          weights.get(p + "post_attention_layernorm.weight"),
          weights.stacked(p + "mlp.gate_up_proj.weight",
              p + "mlp.gate_proj.weight", p + "mlp.up_proj.weight"),
          weights.get(p + "mlp.down_proj.weight"));
    }
    norm = weights.get("model.norm.weight");
    head = weights.head(embedTokens);
    rope = new RotaryEmbedding(config);
  }

  @Override
  public NDArray hiddenStates(NDArray tokens) {
    long b = tokens.getShape().get(0); // batch size
    long t = tokens.getShape().get(1); // sequence length
    NDManager batch = tokens.getManager();
    NDList rotation = rope.tables(batch, t); // cos, sin [1, T, 1, hs/2]
    NDArray[] masks = Attention.layerMasks(batch, t, config); // [T, T] per layer

    NDArray x = Embedding.embedding(tokens, embedTokens, SparseFormat.DENSE).singletonOrThrow();
    for (int i = 0; i < layers.length; i++) { // x: [B, T, dim]
      Layer layer = layers[i];
      NDArray mask = masks[i];
      x = BlockScope.run(x, input -> attention(layer, input, b, t, rotation, mask));
      x = BlockScope.run(x, input -> mlp(layer, input));
    }
    return Norms.rms(x, norm, config.normEps());
  }

  /**
   * x + o_proj(attention(rope(q), rope(k), v)), q, k, v = qkv_proj(input_layernorm(x)); Qwen3
   * RMS-normalises every head of q and k first.
   */
  private NDArray attention(Layer layer, NDArray x, long b, long t, NDList rotation, NDArray mask) {
    int h = config.nHeads();
    int kvh = config.nKvHeads();
    int hs = config.headDim();
    long qDim = (long) h * hs;
    long kvDim = (long) kvh * hs;
    NDArray xn = Norms.rms(x, layer.inputNorm, config.normEps()); // [B, T, dim]
    NDList qkv = Weights.linear(xn, layer.wqkv, layer.bqkv).split(new long[] {qDim, qDim + kvDim}, 2);
    NDArray q = qkv.get(0).reshape(b, t, h, hs); // [B, T, H, hs]
    NDArray k = qkv.get(1).reshape(b, t, kvh, hs); // [B, T, KV, hs]
    if (layer.qNorm != null) {
      q = Norms.rms(q, layer.qNorm, config.normEps());
      k = Norms.rms(k, layer.kNorm, config.normEps());
    }
    q = rope.apply(q, rotation);
    k = rope.apply(k, rotation);
    NDArray v = qkv.get(2).reshape(b, t, kvh, hs); // [B, T, KV, hs]
    NDArray heads = Attention.selfAttention(q, k, v, mask, 1.0 / Math.sqrt(hs)); // [B, T, H * hs]
    return x.add(Weights.linear(heads, layer.wo, layer.bo)); // [B, T, dim]
  }

  /** x + down_proj(act(gate_proj(n)) * up_proj(n)), n = post_attention_layernorm(x), act silu. */
  private NDArray mlp(Layer layer, NDArray x) {
    NDArray xn = Norms.rms(x, layer.postNorm, config.normEps()); // [B, T, dim]
    NDList gateUp = Weights.linear(xn, layer.gateUp, null).split(2, 2); // 2 x [B, T, hidden]
    NDArray gated = config.block().activation().apply(gateUp.get(0)).mul(gateUp.get(1));
    return x.add(Weights.linear(gated, layer.down, null)); // [B, T, dim]
  }

  @Override
  public NDArray head() {
    return head;
  }
}

package xent.model;

import static xent.model.TensorRole.BIAS;
import static xent.model.TensorRole.MATRIX;
import static xent.model.TensorRole.NORM_GAIN;
import static xent.model.TensorRole.RESIDUAL_PROJECTION;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;

/**
 * The attention of Llama-layout families (Llama, Mistral, Qwen, Gemma): q_proj, k_proj and
 * v_proj under one prefix, rotary q and k, grouped-query attention, o_proj. The three input
 * projections are stacked into one matrix: one large matrix multiply runs faster than three
 * small ones (2x at width 288 on this CPU).
 *
 * @param wqkv [(H + 2 KV) * hs, dim]: q_proj, k_proj, v_proj stacked
 * @param bqkv [(H + 2 KV) * hs] or null
 * @param wo [dim, H * hs] o_proj
 * @param bo [dim] or null
 * @param qNorm RMSNorm gains of the queries before RoPE, or null: [hs] for Qwen3's norm of every
 *     head, [H * hs] for OLMo 2's norm over the whole projection; with qk_layernorm (StableLM)
 *     the LayerNorm gains of each head stacked, [H * hs]
 * @param kNorm the same for keys: [hs] or [KV * hs]
 */
public record RotaryAttention(
    NDArray wqkv, NDArray bqkv, NDArray wo, NDArray bo, NDArray qNorm, NDArray kNorm) {

  /** Declares the tensors of self_attn under the declaration's current prefix. */
  public static void declare(TensorSpec.Declaration d, ModelConfig c) {
    declare(d, c, "self_attn.", "o_proj");
  }

  /**
   * The same with the tensors under {@code scope} (GPT-J's "attn.") and the output projection
   * called {@code output} (Phi's "dense", GPT-J's "out_proj").
   */
  public static void declare(
      TensorSpec.Declaration d, ModelConfig c, String scope, String output) {
    long dim = c.dim();
    long q = (long) c.nHeads() * c.headDim();
    long kv = c.kvDim();
    d.add(scope + "q_proj.weight", MATRIX, "(n_heads * head_dim, dim)", q, dim);
    d.add(scope + "k_proj.weight", MATRIX, "(n_kv_heads * head_dim, dim)", kv, dim);
    d.add(scope + "v_proj.weight", MATRIX, "(n_kv_heads * head_dim, dim)", kv, dim);
    if (c.attentionBias()) {
      d.add(scope + "q_proj.bias", BIAS, "(n_heads * head_dim)", q);
      d.add(scope + "k_proj.bias", BIAS, "(n_kv_heads * head_dim)", kv);
      d.add(scope + "v_proj.bias", BIAS, "(n_kv_heads * head_dim)", kv);
    }
    d.add(scope + output + ".weight", RESIDUAL_PROJECTION, "(dim, n_heads * head_dim)",
        dim, q);
    if (c.attention().outputBias()) {
      d.add(scope + output + ".bias", BIAS, "(dim)", dim);
    }
    if (c.attention().qkLayerNorm()) {
      for (int head = 0; head < c.nHeads(); head++) {
        d.add(scope + "q_layernorm.norms." + head + ".weight", NORM_GAIN, "(head_dim)",
            c.headDim());
      }
      for (int head = 0; head < c.nKvHeads(); head++) {
        d.add(scope + "k_layernorm.norms." + head + ".weight", NORM_GAIN, "(head_dim)",
            c.headDim());
      }
    } else if (c.attention().qkNorm() && c.attention().qkNormAcrossHeads()) {
      d.add(scope + "q_norm.weight", NORM_GAIN, "(n_heads * head_dim)", q);
      d.add(scope + "k_norm.weight", NORM_GAIN, "(n_kv_heads * head_dim)", kv);
    } else if (c.attention().qkNorm()) {
      d.add(scope + "q_norm.weight", NORM_GAIN, "(head_dim)", c.headDim());
      d.add(scope + "k_norm.weight", NORM_GAIN, "(head_dim)", c.headDim());
    }
  }

  /** The attention weights under {@code prefix} (e.g. "model.layers.0.self_attn."). */
  public static RotaryAttention load(Weights weights, String prefix, ModelConfig config) {
    return load(weights, prefix, "o_proj", config);
  }

  /** The same with the output projection called {@code output} (Phi's "dense"). */
  public static RotaryAttention load(
      Weights weights, String prefix, String output, ModelConfig config) {
    String a = prefix;
    AttentionVariant attention = config.attention();
    NDArray qNorm = null;
    NDArray kNorm = null;
    if (attention.qkLayerNorm()) { // one gain per head, stacked: [H * hs], [KV * hs]
      qNorm = weights.stacked(a + "q_layernorm.weight", perHead(a + "q_layernorm", config.nHeads()));
      kNorm = weights.stacked(a + "k_layernorm.weight",
          perHead(a + "k_layernorm", config.nKvHeads()));
    } else if (attention.qkNorm()) {
      qNorm = weights.get(a + "q_norm.weight");
      kNorm = weights.get(a + "k_norm.weight");
    }
    return new RotaryAttention(
        weights.stacked(a + "qkv_proj.weight",
            a + "q_proj.weight", a + "k_proj.weight", a + "v_proj.weight"),
        config.attentionBias() ? weights.stacked(a + "qkv_proj.bias",
            a + "q_proj.bias", a + "k_proj.bias", a + "v_proj.bias") : null,
        weights.get(a + output + ".weight"),
        attention.outputBias() ? weights.get(a + output + ".bias") : null,
        qNorm, kNorm);
  }

  /** StableLM's names of per-head norm gains: NORM.norms.0.weight ... NORM.norms.(n-1).weight. */
  private static String[] perHead(String norm, int heads) {
    String[] names = new String[heads];
    for (int head = 0; head < heads; head++) {
      names[head] = norm + ".norms." + head + ".weight";
    }
    return names;
  }

  /**
   * o_proj(attention(rope(q), rope(k), v)), q, k, v = qkv_proj(xn), each clamped to
   * [-clip_qkv, clip_qkv] first where the config says so (OLMo).
   *
   * @param xn the normalised input [B, T, dim]
   * @param rotation cos, sin from {@link RotaryEmbedding#tables}
   * @param mask [T, T] of this layer
   * @param layer the layer index (for its score scale)
   * @return [B, T, dim]
   */
  public NDArray apply(NDArray xn, ModelConfig config, RotaryEmbedding rope, NDList rotation,
      NDArray mask, int layer) {
    long b = xn.getShape().get(0);
    long t = xn.getShape().get(1);
    int h = config.nHeads();
    int kvh = config.nKvHeads();
    int hs = config.headDim();
    long qDim = (long) h * hs;
    long kvDim = (long) kvh * hs;
    NDArray projected = Weights.linear(xn, wqkv, bqkv); // [B, T, (H + 2 KV) * hs]
    double clip = config.attention().clipQkv();
    if (clip > 0) {
      projected = projected.clip(-clip, clip);
    }
    NDList qkv = projected.split(new long[] {qDim, qDim + kvDim}, 2);
    NDArray q = qkv.get(0); // [B, T, H * hs]
    NDArray k = qkv.get(1); // [B, T, KV * hs]
    boolean acrossHeads = config.attention().qkNormAcrossHeads();
    if (qNorm != null && acrossHeads) {
      q = Norms.rms(q, qNorm, config.normEps());
      k = Norms.rms(k, kNorm, config.normEps());
    }
    q = q.reshape(b, t, h, hs); // [B, T, H, hs]
    k = k.reshape(b, t, kvh, hs); // [B, T, KV, hs]
    if (qNorm != null && config.attention().qkLayerNorm()) {
      // StableLM: bias-free LayerNorm of each head with its own gain [heads, hs]
      q = Norms.layerWithoutParameters(q, config.normEps()).mul(qNorm.reshape(h, hs));
      k = Norms.layerWithoutParameters(k, config.normEps()).mul(kNorm.reshape(kvh, hs));
    } else if (qNorm != null && !acrossHeads) {
      q = Norms.rms(q, qNorm, config.normEps());
      k = Norms.rms(k, kNorm, config.normEps());
    }
    q = rope.apply(q, rotation);
    k = rope.apply(k, rotation);
    NDArray v = qkv.get(2).reshape(b, t, kvh, hs); // [B, T, KV, hs]
    NDArray heads = Attention.selfAttention(q, k, v, mask,
        config.attention().scoreScale(layer, hs),
        config.attention().scoreSoftCap()); // [B, T, H * hs]
    return Weights.linear(heads, wo, bo); // [B, T, dim]
  }
}

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
 * <p>Families that store the projection fused (Phi-3's qkv_proj, Falcon's and BLOOM's
 * query_key_value) load it as it is, in one of two layouts (see {@code perGroup}). Families whose
 * positions are not rotary (OPT's learned positions, BLOOM's ALiBi in the mask) pass no rope.
 *
 * @param wqkv [(H + 2 KV) * hs, dim]: q_proj, k_proj, v_proj stacked
 * @param bqkv [(H + 2 KV) * hs] or null
 * @param wo [dim, H * hs] o_proj
 * @param bo [dim] or null
 * @param qNorm RMSNorm gains of the queries before RoPE, or null: [hs] for Qwen3's norm of every
 *     head, [H * hs] for OLMo 2's norm over the whole projection; with qk_layernorm (StableLM)
 *     the LayerNorm gains of each head stacked, [H * hs]
 * @param kNorm the same for keys: [hs] or [KV * hs]
 * @param perGroup the rows of wqkv are laid out per kv group, [H/KV queries, key, value] of
 *     group 0, then group 1, ... (Falcon's query_key_value: KV = 1 for multi_query, KV = H for
 *     plain multi-head, which is also BLOOM's per-head [q, k, v]); false for [all q | all k | all v]
 */
public record RotaryAttention(NDArray wqkv, NDArray bqkv, NDArray wo, NDArray bo, NDArray qNorm,
    NDArray kNorm, boolean perGroup) {

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
        qNorm, kNorm, false);
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
   * Declares a fused input projection {@code fused} [(H + 2 KV) * hs, dim] (with its bias when the
   * config's attention_bias says so) and the output projection, under {@code scope}.
   */
  public static void declareFused(
      TensorSpec.Declaration d, ModelConfig c, String scope, String fused, String output) {
    long dim = c.dim();
    long q = (long) c.nHeads() * c.headDim();
    long qkv = q + 2L * c.kvDim();
    d.add(scope + fused + ".weight", MATRIX, "((n_heads + 2 * n_kv_heads) * head_dim, dim)",
        qkv, dim);
    if (c.attentionBias()) {
      d.add(scope + fused + ".bias", BIAS, "((n_heads + 2 * n_kv_heads) * head_dim)", qkv);
    }
    d.add(scope + output + ".weight", RESIDUAL_PROJECTION, "(dim, n_heads * head_dim)", dim, q);
    if (c.attention().outputBias()) {
      d.add(scope + output + ".bias", BIAS, "(dim)", dim);
    }
  }

  /** The attention of {@link #declareFused}, its fused rows laid out as {@code perGroup} says. */
  public static RotaryAttention loadFused(Weights weights, String prefix, String fused,
      String output, ModelConfig config, boolean perGroup) {
    return new RotaryAttention(weights.get(prefix + fused + ".weight"),
        config.attentionBias() ? weights.get(prefix + fused + ".bias") : null,
        weights.get(prefix + output + ".weight"),
        config.attention().outputBias() ? weights.get(prefix + output + ".bias") : null,
        null, null, perGroup);
  }

  /**
   * o_proj(attention(rope(q), rope(k), v)), q, k, v = qkv_proj(xn), each clamped to
   * [-clip_qkv, clip_qkv] first where the config says so (OLMo).
   *
   * @param xn the normalised input [B, T, dim]
   * @param rope the rotary embedding, or null when positions come from elsewhere
   * @param rotation cos, sin from {@link RotaryEmbedding#tables}; null with rope
   * @param mask [T, T] of this layer, or [H, T, T] with ALiBi's bias
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
    NDList qkv = perGroup ? splitPerGroup(projected, h, kvh, hs)
        : projected.split(new long[] {qDim, qDim + kvDim}, 2);
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
    if (rope != null) {
      q = rope.apply(q, rotation);
      k = rope.apply(k, rotation);
    }
    NDArray v = qkv.get(2).reshape(b, t, kvh, hs); // [B, T, KV, hs]
    NDArray heads = Attention.selfAttention(q, k, v, mask,
        config.attention().scoreScale(layer, hs),
        config.attention().scoreSoftCap()); // [B, T, H * hs]
    return Weights.linear(heads, wo, bo); // [B, T, dim]
  }

  /**
   * q [B, T, H * hs], k and v [B, T, KV * hs] of a projection laid out per kv group, [B, T, KV,
   * H/KV + 2, hs]: the group's queries, then its key, then its value.
   */
  private static NDList splitPerGroup(NDArray projected, int h, int kvh, int hs) {
    long b = projected.getShape().get(0);
    long t = projected.getShape().get(1);
    int queries = h / kvh;
    NDArray groups = projected.reshape(b, t, kvh, queries + 2, hs);
    return new NDList(
        groups.get(":, :, :, 0:" + queries).reshape(b, t, (long) h * hs),
        groups.get(":, :, :, " + queries).reshape(b, t, (long) kvh * hs),
        groups.get(":, :, :, " + (queries + 1)).reshape(b, t, (long) kvh * hs));
  }
}

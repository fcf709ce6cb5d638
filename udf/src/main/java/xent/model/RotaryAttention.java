package xent.model;

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
 * @param qNorm [hs] or null: Qwen3's RMSNorm of every query head before RoPE
 * @param kNorm [hs] or null: the same for keys
 */
public record RotaryAttention(
    NDArray wqkv, NDArray bqkv, NDArray wo, NDArray bo, NDArray qNorm, NDArray kNorm) {

  /** The attention weights under {@code prefix} (e.g. "model.layers.0.self_attn."). */
  public static RotaryAttention load(Weights weights, String prefix, ModelConfig config) {
    String a = prefix;
    boolean qkNorm = config.attention().qkNorm();
    return new RotaryAttention(
        weights.stacked(a + "qkv_proj.weight",
            a + "q_proj.weight", a + "k_proj.weight", a + "v_proj.weight"),
        config.attentionBias() ? weights.stacked(a + "qkv_proj.bias",
            a + "q_proj.bias", a + "k_proj.bias", a + "v_proj.bias") : null,
        weights.get(a + "o_proj.weight"),
        config.attention().outputBias() ? weights.get(a + "o_proj.bias") : null,
        qkNorm ? weights.get(a + "q_norm.weight") : null,
        qkNorm ? weights.get(a + "k_norm.weight") : null);
  }

  /**
   * o_proj(attention(rope(q), rope(k), v)), q, k, v = qkv_proj(xn).
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
    NDList qkv = Weights.linear(xn, wqkv, bqkv).split(new long[] {qDim, qDim + kvDim}, 2);
    NDArray q = qkv.get(0).reshape(b, t, h, hs); // [B, T, H, hs]
    NDArray k = qkv.get(1).reshape(b, t, kvh, hs); // [B, T, KV, hs]
    if (qNorm != null) {
      q = Norms.rms(q, qNorm, config.normEps());
      k = Norms.rms(k, kNorm, config.normEps());
    }
    q = rope.apply(q, rotation);
    k = rope.apply(k, rotation);
    NDArray v = qkv.get(2).reshape(b, t, kvh, hs); // [B, T, KV, hs]
    NDArray heads = Attention.selfAttention(q, k, v, mask,
        config.attention().scoreScale(layer, hs), config.attention().scoreSoftCap()); // [B, T, H * hs]
    return Weights.linear(heads, wo, bo); // [B, T, dim]
  }
}

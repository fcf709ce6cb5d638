package xent.model;

import java.util.List;
import java.util.Objects;

/**
 * How a family's attention differs from plain causal multi-head attention, per layer.
 *
 * @param outputBias whether the output projection carries a bias (Llama's attention_bias covers
 *     q, k, v and o; Qwen2 biases q, k, v only)
 * @param slidingLayers per layer, whether it attends through the sliding window (config's
 *     sliding_window) rather than to the whole prefix; one entry per layer
 * @param scaleByHeadDim scores divided by sqrt(head_dim) (GPT-2's scale_attn_weights)
 * @param scaleByInverseLayer scores further divided by layer index + 1 (GPT-2's
 *     scale_attn_by_inverse_layer_idx)
 * @param qkNorm each query and key head RMS-normalised over head_dim before RoPE, with gains
 *     q_norm / k_norm [head_dim] (Qwen3)
 * @param rotaryFraction the leading fraction of each head that RoPE rotates, in (0, 1] (GPT-NeoX's
 *     rotary_pct / partial_rotary_factor); the rest passes unrotated
 * @param queryScalar when positive, scores are scaled by 1 / sqrt(queryScalar) instead of
 *     1 / sqrt(head_dim) (Gemma 2's query_pre_attn_scalar); 0 for head_dim
 * @param qkNormAcrossHeads with qkNorm, q and k are normalised over the whole projection
 *     (gains [H * hs] and [KV * hs], OLMo 2) instead of per head
 * @param clipQkv q, k and v clamped to [-clipQkv, clipQkv] after projection (OLMo's clip_qkv); 0
 *     for none
 * @param scoreSoftCap the scaled scores soft-capped at this value before the mask (Gemma 2's
 *     attn_logit_softcapping, see {@link SoftCap}); 0 for none
 * @param interleavedRotary RoPE pairs components (2j, 2j + 1) (GPT-J's rotate_every_two) instead
 *     of (j, j + rd/2)
 * @param qkLayerNorm with qkNorm per head, the norms are bias-free LayerNorms with one gain
 *     vector per head (StableLM's qk_layernorm: q_layernorm.norms.H.weight) instead of RMSNorms
 *     sharing one gain
 */
public record AttentionVariant(
    boolean outputBias,
    List<Boolean> slidingLayers,
    boolean scaleByHeadDim,
    boolean scaleByInverseLayer,
    boolean qkNorm,
    double rotaryFraction,
    double queryScalar,
    boolean qkNormAcrossHeads,
    double clipQkv,
    double scoreSoftCap,
    boolean interleavedRotary,
    boolean qkLayerNorm) {

  public AttentionVariant {
    slidingLayers = List.copyOf(Objects.requireNonNull(slidingLayers, "slidingLayers"));
    if (!(rotaryFraction > 0 && rotaryFraction <= 1)) {
      throw new IllegalArgumentException(
          "rotary fraction must be in (0, 1], found " + rotaryFraction);
    }
    if (qkLayerNorm && (!qkNorm || qkNormAcrossHeads)) {
      throw new IllegalArgumentException("per-head q/k LayerNorms need qkNorm per head");
    }
    if (!(queryScalar >= 0) || !(clipQkv >= 0) || !(scoreSoftCap >= 0)) {
      throw new IllegalArgumentException("query scalar, clip_qkv and score soft-cap must be >= 0,"
          + " found " + queryScalar + ", " + clipQkv + " and " + scoreSoftCap);
    }
  }

  /** Attention whose q/k norms, if any, are RMSNorms. */
  public AttentionVariant(boolean outputBias, List<Boolean> slidingLayers, boolean scaleByHeadDim,
      boolean scaleByInverseLayer, boolean qkNorm, double rotaryFraction, double queryScalar,
      boolean qkNormAcrossHeads, double clipQkv, double scoreSoftCap, boolean interleavedRotary) {
    this(outputBias, slidingLayers, scaleByHeadDim, scaleByInverseLayer, qkNorm, rotaryFraction,
        queryScalar, qkNormAcrossHeads, clipQkv, scoreSoftCap, interleavedRotary, false);
  }

  /** Scores scaled by head_dim (or not, or by layer) and not soft-capped. */
  public AttentionVariant(boolean outputBias, List<Boolean> slidingLayers, boolean scaleByHeadDim,
      boolean scaleByInverseLayer, boolean qkNorm, double rotaryFraction) {
    this(outputBias, slidingLayers, scaleByHeadDim, scaleByInverseLayer, qkNorm, rotaryFraction,
        0, false, 0, 0, false);
  }

  /** No output bias, the same window rule on every layer, scores scaled by 1 / sqrt(head_dim). */
  public static AttentionVariant standard(int nLayers, boolean sliding) {
    return new AttentionVariant(
        false, java.util.Collections.nCopies(nLayers, sliding), true, false, false, 1.0);
  }

  /** The factor the q.k scores of {@code layer} are multiplied by. */
  public double scoreScale(int layer, int headDim) {
    double scale = !scaleByHeadDim ? 1.0
        : 1.0 / Math.sqrt(queryScalar > 0 ? queryScalar : headDim);
    return scaleByInverseLayer ? scale / (layer + 1) : scale;
  }
}

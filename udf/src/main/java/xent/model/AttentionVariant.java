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
 */
public record AttentionVariant(
    boolean outputBias,
    List<Boolean> slidingLayers,
    boolean scaleByHeadDim,
    boolean scaleByInverseLayer,
    boolean qkNorm,
    double rotaryFraction) {

  public AttentionVariant {
    slidingLayers = List.copyOf(Objects.requireNonNull(slidingLayers, "slidingLayers"));
    if (!(rotaryFraction > 0 && rotaryFraction <= 1)) {
      throw new IllegalArgumentException(
          "rotary fraction must be in (0, 1], found " + rotaryFraction);
    }
  }

  /** No output bias, the same window rule on every layer, scores scaled by 1 / sqrt(head_dim). */
  public static AttentionVariant standard(int nLayers, boolean sliding) {
    return new AttentionVariant(
        false, java.util.Collections.nCopies(nLayers, sliding), true, false, false, 1.0);
  }

  /** The factor the q.k scores of {@code layer} are multiplied by. */
  public double scoreScale(int layer, int headDim) {
    double scale = scaleByHeadDim ? 1.0 / Math.sqrt(headDim) : 1.0;
    return scaleByInverseLayer ? scale / (layer + 1) : scale;
  }
}

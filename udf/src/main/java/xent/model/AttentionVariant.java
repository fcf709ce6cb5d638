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
 */
public record AttentionVariant(
    boolean outputBias,
    List<Boolean> slidingLayers,
    boolean scaleByHeadDim,
    boolean scaleByInverseLayer,
    boolean qkNorm) {

  public AttentionVariant {
    slidingLayers = List.copyOf(Objects.requireNonNull(slidingLayers, "slidingLayers"));
  }

  /** No output bias, the same window rule on every layer, scores scaled by 1 / sqrt(head_dim). */
  public static AttentionVariant standard(int nLayers, boolean sliding) {
    return new AttentionVariant(
        false, java.util.Collections.nCopies(nLayers, sliding), true, false, false);
  }

  /** The factor the q.k scores of {@code layer} are multiplied by. */
  public double scoreScale(int layer, int headDim) {
    double scale = scaleByHeadDim ? 1.0 / Math.sqrt(headDim) : 1.0;
    return scaleByInverseLayer ? scale / (layer + 1) : scale;
  }
}

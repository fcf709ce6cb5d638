package xent.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;

/**
 * The block of Phi, GPT-J and Falcon: attention and MLP side by side on LayerNorms of the same
 * input, x + attention(n) + mlp(m), n = LayerNorm(x), m = n or a second LayerNorm of x (Falcon's
 * ln_attn and ln_mlp).
 *
 * @param normWeight [dim] the block's (or the attention's) LayerNorm gain (Phi's input_layernorm,
 *     GPT-J's ln_1, Falcon's input_layernorm or ln_attn)
 * @param normBias [dim]
 * @param attention the attention
 * @param mlp the two-layer MLP
 * @param mlpNormWeight [dim] the MLP's own LayerNorm gain (Falcon's ln_mlp), or null to share n
 * @param mlpNormBias [dim], or null
 */
public record ParallelBlock(NDArray normWeight, NDArray normBias, RotaryAttention attention,
    DenseMlp mlp, NDArray mlpNormWeight, NDArray mlpNormBias) {

  /** A block whose attention and MLP share one LayerNorm. */
  public ParallelBlock(
      NDArray normWeight, NDArray normBias, RotaryAttention attention, DenseMlp mlp) {
    this(normWeight, normBias, attention, mlp, null, null);
  }

  /** x + attention(n) + mlp(m) for block {@code layer}; [B, T, dim]. */
  public NDArray apply(NDArray x, ModelConfig config, RotaryEmbedding rope, NDList rotation,
      NDArray mask, int layer) {
    NDArray n = Norms.layer(x, normWeight, normBias, config.normEps()); // [B, T, dim]
    NDArray m = mlpNormWeight == null ? n
        : Norms.layer(x, mlpNormWeight, mlpNormBias, config.normEps()); // [B, T, dim]
    return x.add(attention.apply(n, config, rope, rotation, mask, layer))
        .add(mlp.apply(m, config.block().activation()));
  }
}

package xent.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;

/**
 * The block of Phi and GPT-J: one LayerNorm feeding attention and MLP side by side,
 * x + attention(n) + mlp(n), n = LayerNorm(x).
 *
 * @param normWeight [dim] the block's LayerNorm gain (Phi's input_layernorm, GPT-J's ln_1)
 * @param normBias [dim]
 * @param attention the rotary attention
 * @param mlp the two-layer MLP with biases
 */
public record ParallelBlock(
    NDArray normWeight, NDArray normBias, RotaryAttention attention, DenseMlp mlp) {

  /** x + attention(n) + mlp(n), n = LayerNorm(x), for block {@code layer}; [B, T, dim]. */
  public NDArray apply(NDArray x, ModelConfig config, RotaryEmbedding rope, NDList rotation,
      NDArray mask, int layer) {
    NDArray n = Norms.layer(x, normWeight, normBias, config.normEps()); // [B, T, dim]
    return x.add(attention.apply(n, config, rope, rotation, mask, layer))
        .add(mlp.apply(n, config.block().activation()));
  }
}

package xent.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;

/**
 * A sequential block of LayerNorms, attention and a two-layer MLP (OPT, BLOOM, Falcon with
 * parallel_attn false), its norms placed as the config's {@link BlockVariant#residual} says:
 *
 * <pre>
 * PRE_NORM   h = x + attention(ln1(x));            out = h + mlp(ln2(h))
 * POST_NORM  h = ln1(x + attention(x));            out = ln2(h + mlp(h))
 * FROM_NORM  n = ln1(x); h = n + attention(n);     m = ln2(h); out = m + mlp(m)
 * </pre>
 *
 * Each half runs in its own {@link BlockScope}.
 *
 * @param ln1Weight [dim] the attention's LayerNorm gain, or null when the norms have none
 * @param ln1Bias [dim], or null
 * @param attention the attention
 * @param ln2Weight [dim] the MLP's LayerNorm gain, or null
 * @param ln2Bias [dim], or null
 * @param mlp the MLP
 */
public record SequentialBlock(NDArray ln1Weight, NDArray ln1Bias, RotaryAttention attention,
    NDArray ln2Weight, NDArray ln2Bias, DenseMlp mlp) {

  /** The block's output [B, T, dim] for input x [B, T, dim]; x is freed. */
  public NDArray apply(NDArray x, ModelConfig config, RotaryEmbedding rope, NDList rotation,
      NDArray mask, int layer) {
    BlockVariant.Residual residual = config.block().residual();
    double eps = config.normEps();
    NDArray h = BlockScope.run(x, in -> switch (residual) {
      case PRE_NORM -> in.add(attention.apply(
          Norms.layer(in, ln1Weight, ln1Bias, eps), config, rope, rotation, mask, layer));
      case POST_NORM -> Norms.layer(
          in.add(attention.apply(in, config, rope, rotation, mask, layer)), ln1Weight, ln1Bias, eps);
      case FROM_NORM -> {
        NDArray n = Norms.layer(in, ln1Weight, ln1Bias, eps);
        yield n.add(attention.apply(n, config, rope, rotation, mask, layer));
      }
    });
    Activations.Kind activation = config.block().activation();
    return BlockScope.run(h, in -> switch (residual) {
      case PRE_NORM -> in.add(mlp.apply(Norms.layer(in, ln2Weight, ln2Bias, eps), activation));
      case POST_NORM -> Norms.layer(in.add(mlp.apply(in, activation)), ln2Weight, ln2Bias, eps);
      case FROM_NORM -> {
        NDArray m = Norms.layer(in, ln2Weight, ln2Bias, eps);
        yield m.add(mlp.apply(m, activation));
      }
    });
  }
}

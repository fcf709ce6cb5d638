package xent.model;

import java.util.Objects;

/**
 * How a family's decoder block is wired.
 *
 * @param parallelResidual x + attention(norm1(x)) + mlp(norm2(x)) instead of the sequential
 *     h = x + attention(norm1(x)), h + mlp(norm2(h)) (GPT-NeoX's use_parallel_residual)
 * @param activation the MLP's activation (config's hidden_act / activation_function)
 * @param logitSoftCap the output logits soft-capped at this value (Gemma 2's
 *     final_logit_softcapping, see {@link SoftCap}); 0 for none
 * @param residual where a sequential block's norms sit relative to its residual sums
 * @param twoParallelNorms a parallel block normalises the attention's and the MLP's input with
 *     norms of their own (Falcon's ln_attn and ln_mlp) instead of sharing one
 * @param mlpBias whether the MLP's projections carry biases: Llama's mlp_bias on the gated MLP,
 *     OPT's enable_bias and Falcon's bias on the dense one (the dense MLPs of GPT-2, GPT-NeoX, Phi,
 *     GPT-J and BLOOM always have biases and do not read it)
 * @param normAffine whether the LayerNorms have a gain and a bias (OPT's
 *     layer_norm_elementwise_affine)
 * @param finalNorm whether a norm follows the last block (OPT drops it when post-LN or when
 *     _remove_final_layer_norm)
 * @param embeddingWidth the width of the token embeddings and the head when it differs from the
 *     residual stream's (OPT's word_embed_proj_dim, with project_in / project_out); 0 for dim
 */
public record BlockVariant(
    boolean parallelResidual,
    Activations.Kind activation,
    double logitSoftCap,
    Residual residual,
    boolean twoParallelNorms,
    boolean mlpBias,
    boolean normAffine,
    boolean finalNorm,
    int embeddingWidth) {

  /** Where a sequential block's norms sit; f is the attention or the MLP. */
  public enum Residual {
    /** x + f(norm(x)): GPT-2, Llama and most families. */
    PRE_NORM,
    /** norm(x + f(x)): OPT with do_layer_norm_before false (OPT-350m). */
    POST_NORM,
    /** n + f(n), n = norm(x): BLOOM's apply_residual_connection_post_layernorm. */
    FROM_NORM
  }

  public BlockVariant {
    Objects.requireNonNull(activation, "activation");
    Objects.requireNonNull(residual, "residual");
    if (!(logitSoftCap >= 0)) {
      throw new IllegalArgumentException("logit soft-cap must be >= 0, found " + logitSoftCap);
    }
    if (embeddingWidth < 0) {
      throw new IllegalArgumentException("embedding width must be >= 0, found " + embeddingWidth);
    }
  }

  /** A pre-norm block with affine norms and a final norm, its MLP biased or not. */
  public BlockVariant(
      boolean parallelResidual, Activations.Kind activation, double logitSoftCap, boolean mlpBias) {
    this(parallelResidual, activation, logitSoftCap, Residual.PRE_NORM, false, mlpBias, true, true, 0);
  }

  /** The same without mlp_bias: the gated MLPs' default; dense MLPs that always have biases ignore it. */
  public BlockVariant(boolean parallelResidual, Activations.Kind activation, double logitSoftCap) {
    this(parallelResidual, activation, logitSoftCap, false);
  }

  /** A block whose logits are not soft-capped. */
  public BlockVariant(boolean parallelResidual, Activations.Kind activation) {
    this(parallelResidual, activation, 0);
  }

  /** Sequential residuals and the activation {@code family}'s checkpoints use by default. */
  public static BlockVariant standard(ModelConfig.Family family) {
    return new BlockVariant(false, switch (family) {
      case LLAMA, PHI3 -> Activations.Kind.SILU;
      case GPT2 -> Activations.Kind.GELU_TANH;
      case GPT_NEOX, FALCON -> Activations.Kind.GELU;
      case GEMMA, GEMMA2 -> Activations.Kind.GELU_TANH;
      case OLMO, OLMO2, STABLELM -> Activations.Kind.SILU;
      case PHI, GPTJ, BLOOM -> Activations.Kind.GELU_TANH;
      case OPT -> Activations.Kind.RELU;
    });
  }

  /** The width of the token embeddings and of the hidden states the head reads. */
  public int embeddingWidth(int dim) {
    return embeddingWidth == 0 ? dim : embeddingWidth;
  }
}

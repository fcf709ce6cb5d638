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
 */
public record BlockVariant(
    boolean parallelResidual, Activations.Kind activation, double logitSoftCap) {

  public BlockVariant {
    Objects.requireNonNull(activation, "activation");
    if (!(logitSoftCap >= 0)) {
      throw new IllegalArgumentException("logit soft-cap must be >= 0, found " + logitSoftCap);
    }
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
      case GPT_NEOX -> Activations.Kind.GELU;
      case GEMMA, GEMMA2 -> Activations.Kind.GELU_TANH;
      case OLMO, OLMO2, STABLELM -> Activations.Kind.SILU;
      case PHI, GPTJ -> Activations.Kind.GELU_TANH;
    });
  }
}

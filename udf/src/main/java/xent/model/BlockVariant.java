package xent.model;

import java.util.Objects;

/**
 * How a family's decoder block is wired.
 *
 * @param parallelResidual x + attention(norm1(x)) + mlp(norm2(x)) instead of the sequential
 *     h = x + attention(norm1(x)), h + mlp(norm2(h)) (GPT-NeoX's use_parallel_residual)
 * @param activation the MLP's activation (config's hidden_act / activation_function)
 */
public record BlockVariant(boolean parallelResidual, Activations.Kind activation) {

  public BlockVariant {
    Objects.requireNonNull(activation, "activation");
  }

  /** Sequential residuals and the activation {@code family}'s checkpoints use by default. */
  public static BlockVariant standard(ModelConfig.Family family) {
    return new BlockVariant(false, switch (family) {
      case LLAMA -> Activations.Kind.SILU;
      case GPT2 -> Activations.Kind.GELU_TANH;
      case GPT_NEOX -> Activations.Kind.GELU;
    });
  }
}

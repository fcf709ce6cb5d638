package xent.model;

import java.util.List;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Function;
import xent.model.gpt2.Gpt2Model;
import xent.model.llama.LlamaModel;

/**
 * An architecture: the tensors its config implies and its forward pass. Each family is one file
 * (e.g. {@link LlamaModel}) holding both.
 *
 * @param tensors the checkpoint tensors of a config, in checkpoint order
 * @param build the forward pass over weights loaded by those declarations
 */
public record ModelFamily(
    Function<ModelConfig, List<TensorSpec>> tensors,
    BiFunction<ModelConfig, Weights, CausalLm> build) {

  public ModelFamily {
    Objects.requireNonNull(tensors, "tensors");
    Objects.requireNonNull(build, "build");
  }

  /** The implementation of {@code family}. */
  public static ModelFamily of(ModelConfig.Family family) {
    return switch (family) {
      case LLAMA -> LlamaModel.FAMILY;
      case GPT2 -> Gpt2Model.FAMILY;
    };
  }

  /** The tensors {@code config} implies. */
  public static List<TensorSpec> tensorsOf(ModelConfig config) {
    return of(config.family()).tensors().apply(config);
  }
}

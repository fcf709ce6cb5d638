package xent.model;

import java.util.List;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.regex.Pattern;
import xent.model.bloom.BloomModel;
import xent.model.falcon.FalconModel;
import xent.model.gemma.GemmaModel;
import xent.model.gpt2.Gpt2Model;
import xent.model.gptj.GptJModel;
import xent.model.gptneox.GptNeoXModel;
import xent.model.llama.LlamaModel;
import xent.model.olmo.OlmoModel;
import xent.model.opt.OptModel;
import xent.model.phi.PhiModel;
import xent.model.phi3.Phi3Model;
import xent.model.stablelm.StableLmModel;

/**
 * An architecture: the tensors its config implies, how its checkpoints name them, and its forward
 * pass. Each family is one file (e.g. {@link LlamaModel}) holding all of it.
 *
 * @param tensors the checkpoint tensors of a config, in checkpoint order
 * @param build the forward pass over weights loaded by those declarations
 * @param head the name of the output head when it is stored (absent: the head is the embedding)
 * @param strippedPrefix a prefix some exports put before every name (GPT2LMHeadModel's
 *     "transformer."), removed on reading; empty for none
 * @param buffers names of stored buffers that are not weights (causal-mask and rotary caches),
 *     dropped on reading
 */
public record ModelFamily(
    Function<ModelConfig, List<TensorSpec>> tensors,
    BiFunction<ModelConfig, Weights, CausalLm> build,
    String head,
    String strippedPrefix,
    Pattern buffers) {

  public ModelFamily {
    Objects.requireNonNull(tensors, "tensors");
    Objects.requireNonNull(build, "build");
    Objects.requireNonNull(head, "head");
    Objects.requireNonNull(strippedPrefix, "strippedPrefix");
    Objects.requireNonNull(buffers, "buffers");
  }

  /** The implementation of {@code family}. */
  public static ModelFamily of(ModelConfig.Family family) {
    return switch (family) {
      case LLAMA -> LlamaModel.FAMILY;
      case GPT2 -> Gpt2Model.FAMILY;
      case GPT_NEOX -> GptNeoXModel.FAMILY;
      case GEMMA, GEMMA2 -> GemmaModel.FAMILY;
      case OLMO, OLMO2 -> OlmoModel.FAMILY;
      case STABLELM -> StableLmModel.FAMILY;
      case PHI -> PhiModel.FAMILY;
      case GPTJ -> GptJModel.FAMILY;
      case PHI3 -> Phi3Model.FAMILY;
      case OPT -> OptModel.FAMILY;
      case BLOOM -> BloomModel.FAMILY;
      case FALCON -> FalconModel.FAMILY;
    };
  }

  /** The tensors {@code config} implies. */
  public static List<TensorSpec> tensorsOf(ModelConfig config) {
    return of(config.family()).tensors().apply(config);
  }
}

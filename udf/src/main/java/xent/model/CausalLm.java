package xent.model;

import ai.djl.ndarray.NDArray;
import java.util.Map;

/**
 * A causal language model's forward pass on the engine, one implementation per family.
 *
 * <p>Implementations hold their weights and are safe to call from several threads at once: every
 * array a call creates belongs to the manager of its {@code tokens} argument.
 */
public interface CausalLm extends AutoCloseable {

  /** The model's hyperparameters. */
  ModelConfig config();

  /**
   * Final-norm hidden states for a batch of right-padded token ids.
   *
   * <p>Rows are right-padded, so the causal mask alone keeps padding out of every real position:
   * a real token never attends to a later one.
   *
   * @param tokens int64 ids [B, T]
   * @return float32 [B, T, dim], owned by {@code tokens.getManager()}
   */
  NDArray hiddenStates(NDArray tokens);

  /** The output projection [V, dim] (the token embedding when tied). */
  NDArray head();

  /** The output projection's bias [V] (Phi, GPT-J), or null for none. */
  default NDArray headBias() {
    return null;
  }

  /**
   * Next-token logits of final-norm hidden states: the head's projection plus its bias,
   * soft-capped where the config says so (Gemma 2).
   *
   * @param hidden [..., dim]
   * @return [..., V]
   */
  default NDArray logits(NDArray hidden) {
    return SoftCap.apply(Weights.linear(hidden, head(), headBias()), config().block().logitSoftCap());
  }

  /**
   * The arrays the forward pass reads, in checkpoint order; a tied head appears once. These are
   * the live arrays, so training can attach gradients to them and update them in place. Names are
   * Hugging Face names, except where the forward pass stacks several checkpoint tensors into one
   * array (Llama's {@code qkv_proj} and {@code gate_up_proj}).
   */
  Map<String, NDArray> parameters();

  /**
   * The weights as checkpoint tensors: by Hugging Face name, stacked arrays split back into their
   * parts (views of the live arrays). Projections are [out, in]; those declared {@link
   * TensorSpec#transposed} (GPT-2's Conv1D) are stored [in, out]: write them back transposed.
   */
  Map<String, NDArray> checkpointArrays();

  @Override
  void close();
}

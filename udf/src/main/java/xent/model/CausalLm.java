package xent.model;

import ai.djl.ndarray.NDArray;

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

  @Override
  void close();
}

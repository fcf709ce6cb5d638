package xent.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.function.UnaryOperator;

/**
 * Runs one sub-layer of a transformer block (attention or MLP) so that its intermediates are
 * freed when it returns.
 *
 * <p>DJL frees native arrays only when their manager closes, so without this a forward pass
 * would hold every layer's attention scores and MLP activations until the batch ends (gigabytes
 * at GPT-2 small's size). Everything computed from the block's input lives in a sub-manager
 * that is closed once the output has been moved back to the batch.
 * Scoping each sub-layer rather than the whole block halves the peak: the attention scores are
 * gone before the MLP's wide activations are made.
 */
public final class BlockScope {

  private BlockScope() {}

  /** The block's output, owned by the manager that owned {@code input}; input is freed. */
  public static NDArray run(NDArray input, UnaryOperator<NDArray> block) {
    NDManager owner = input.getManager();
    try (NDManager scope = owner.newSubManager()) {
      input.attach(scope);
      NDArray output = block.apply(input);
      output.attach(owner);
      return output;
    }
  }
}

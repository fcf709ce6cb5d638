package xent.train;

import ai.djl.ndarray.NDArray;
import xent.model.CausalLm;

/** Next-token cross-entropy through the scoring forward pass. */
public final class LanguageModelLoss {

  private LanguageModelLoss() {}

  /**
   * Mean negative log-probability of every target, in nats.
   *
   * @param inputs int64 [B, T]
   * @param targets int64 [B, T], the inputs shifted left by one
   * @return a scalar owned by {@code inputs.getManager()}
   */
  public static NDArray mean(CausalLm lm, NDArray inputs, NDArray targets) {
    NDArray hidden = lm.hiddenStates(inputs); // [B, T, dim]
    NDArray logits = lm.logits(hidden); // [B, T, V]
    NDArray logp = logits.logSoftmax(-1); // [B, T, V]
    NDArray picked = logp.gather(targets.expandDims(-1), -1); // [B, T, 1]
    return picked.mean().neg();
  }
}

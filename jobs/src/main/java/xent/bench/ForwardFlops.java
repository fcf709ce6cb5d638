package xent.bench;

import xent.model.ModelConfig;

/** Forward-pass FLOPs per token, as Kaplan et al. (2020) count them. */
final class ForwardFlops {

  private ForwardFlops() {}

  /**
   * 2 x non-embedding parameters + 2 x dim x vocab (the head) + 2 x layers x context x dim
   * (attention scores and their weighted sum).
   */
  static double perToken(ModelConfig c, int context) {
    return 2.0 * c.nonEmbeddingParameters() + 2.0 * c.dim() * c.vocabSize()
        + 2.0 * c.nLayers() * context * (double) c.nHeads() * c.headDim();
  }
}

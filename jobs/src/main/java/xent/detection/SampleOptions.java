package xent.detection;

import xent.generate.SamplingOptions;
import xent.model.ModelSpec;
import xent.scoring.CorpusOptions;

/**
 * What {@code xent sample} draws: from each of n documents, its first tokens as the prompt and a
 * continuation of the model's.
 *
 * @param model the model that writes
 * @param prompts the corpus the prompts come from (human documents)
 * @param n documents drawn, by a seeded hash of their ids
 * @param promptTokens prompt length in tokens; a document needs this many plus the new tokens
 * @param sampling temperature, top-p and the number of new tokens
 * @param seed the draw's seed and the root of every continuation's seed
 * @param batch prompts continued together (one forward per step for all of them)
 * @param out the output folder
 */
public record SampleOptions(
    ModelSpec model, CorpusOptions prompts, int n, int promptTokens, SamplingOptions sampling, long seed,
    int batch, String out) {

  public SampleOptions {
    if (n < 1) {
      throw new IllegalArgumentException("--n must be >= 1, found " + n);
    }
    if (promptTokens < 1) {
      throw new IllegalArgumentException("--prompt-tokens must be >= 1, found " + promptTokens);
    }
    if (batch < 1) {
      throw new IllegalArgumentException("--batch must be >= 1, found " + batch);
    }
  }
}

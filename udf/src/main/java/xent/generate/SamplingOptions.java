package xent.generate;

import java.io.Serializable;

/**
 * How continuations are drawn: temperature, then nucleus (top-p) truncation, as Hugging Face's
 * {@code generate(do_sample=True, temperature=t, top_p=p)} applies them.
 *
 * @param temperature divides the logits, > 0; 1 leaves the model's distribution
 * @param topP keep the most probable tokens whose probabilities sum to at least p, in (0, 1]
 * @param newTokens tokens to draw after each prompt, >= 1 (fewer when EOS is drawn)
 */
public record SamplingOptions(double temperature, double topP, int newTokens) implements Serializable {

  public SamplingOptions {
    if (!(temperature > 0) || Double.isInfinite(temperature)) {
      throw new IllegalArgumentException("--temperature must be > 0 and finite, found " + temperature);
    }
    if (!(topP > 0 && topP <= 1)) {
      throw new IllegalArgumentException("--top-p must be in (0, 1], found " + topP);
    }
    if (newTokens < 1) {
      throw new IllegalArgumentException("--new-tokens must be >= 1, found " + newTokens);
    }
  }
}

package xent.notebook;

import java.io.Serializable;
import xent.score.ScoringOptions;

/**
 * How {@link Xent#score} scores: the windows of the score job ({@code --max-length},
 * {@code --stride}) and whether to keep each token's log-prob.
 *
 * @param maxLength most tokens one window feeds the model; 0 means the model's context length
 * @param stride 0 for disjoint windows, else the step of overlapping windows (1 to maxLength)
 * @param perToken whether the result has a {@code token_logprob} array column
 */
public record ScoreOptions(int maxLength, int stride, boolean perToken) implements Serializable {

  /** The model's context, disjoint windows, no per-token column. */
  public static final ScoreOptions DEFAULT = new ScoreOptions(0, 0, false);

  public ScoreOptions {
    // The engine's own options check maxLength and stride, naming the value.
    ScoringOptions.DEFAULT.withMaxLength(maxLength).withStride(stride);
  }

  public ScoreOptions withMaxLength(int value) {
    return new ScoreOptions(value, stride, perToken);
  }

  public ScoreOptions withStride(int value) {
    return new ScoreOptions(maxLength, value, perToken);
  }

  public ScoreOptions withPerToken(boolean value) {
    return new ScoreOptions(maxLength, stride, value);
  }

  ScoringOptions scoring() {
    return ScoringOptions.DEFAULT.withMaxLength(maxLength).withStride(stride);
  }
}

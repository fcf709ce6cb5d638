package xent.score;

import java.io.Serializable;

/**
 * How documents are cut into windows and batched.
 *
 * @param maxLength most tokens one window feeds the model; 0 means the model's context length
 * @param stride 0 for disjoint windows, else the step of overlapping windows (1 to maxLength)
 * @param tokenBudget most padded tokens (rows x longest window) in one batch
 * @param entropy whether to compute the entropy of each predicted distribution
 * @param rank whether to compute the rank of each target token
 * @param logitsChunkBytes most bytes of float32 logits alive on the engine at once
 * @param moments whether to compute, in one streaming pass over vocabulary tiles instead of a
 *     full log-softmax, the log-partition, entropy, variance of log p and rank of every position
 *     (implies entropy and rank); false keeps the plain log-softmax path and its cost
 * @param vocabTile vocabulary entries per tile of the moments pass
 */
public record ScoringOptions(
    int maxLength, int stride, int tokenBudget, boolean entropy, boolean rank, long logitsChunkBytes,
    boolean moments, int vocabTile)
    implements Serializable {

  /**
   * Defaults: the model's context, disjoint windows, 2048 tokens a batch, 16 MB of logits, no
   * moments (tiles of 8192 entries when asked for).
   */
  public static final ScoringOptions DEFAULT =
      new ScoringOptions(0, 0, 2048, false, false, 16L << 20, false, 8192);

  public ScoringOptions {
    if (maxLength < 0) {
      throw new IllegalArgumentException("max length must be >= 0 (0: the model's), found " + maxLength);
    }
    if (stride < 0 || (maxLength > 0 && stride > maxLength)) {
      throw new IllegalArgumentException(
          "stride must be between 0 and max length " + maxLength + ", found " + stride);
    }
    if (tokenBudget < 1) {
      throw new IllegalArgumentException("token budget must be >= 1, found " + tokenBudget);
    }
    if (logitsChunkBytes < 1) {
      throw new IllegalArgumentException("logits chunk must be >= 1 byte, found " + logitsChunkBytes);
    }
    if (vocabTile < 1) {
      throw new IllegalArgumentException("vocabulary tile must be >= 1 entry, found " + vocabTile);
    }
  }

  public ScoringOptions withMaxLength(int value) {
    return new ScoringOptions(value, stride, tokenBudget, entropy, rank, logitsChunkBytes, moments, vocabTile);
  }

  public ScoringOptions withStride(int value) {
    return new ScoringOptions(maxLength, value, tokenBudget, entropy, rank, logitsChunkBytes, moments, vocabTile);
  }

  public ScoringOptions withTokenBudget(int value) {
    return new ScoringOptions(maxLength, stride, value, entropy, rank, logitsChunkBytes, moments, vocabTile);
  }

  public ScoringOptions withEntropyAndRank(boolean value) {
    return new ScoringOptions(maxLength, stride, tokenBudget, value, value, logitsChunkBytes, moments, vocabTile);
  }

  public ScoringOptions withLogitsChunkBytes(long value) {
    return new ScoringOptions(maxLength, stride, tokenBudget, entropy, rank, value, moments, vocabTile);
  }

  public ScoringOptions withMoments(boolean value) {
    return new ScoringOptions(maxLength, stride, tokenBudget, entropy, rank, logitsChunkBytes, value, vocabTile);
  }

  public ScoringOptions withVocabTile(int value) {
    return new ScoringOptions(maxLength, stride, tokenBudget, entropy, rank, logitsChunkBytes, moments, value);
  }
}

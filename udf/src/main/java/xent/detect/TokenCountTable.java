package xent.detect;

import java.io.Serializable;

/**
 * Token counts held in an array indexed by id.
 *
 * @param counts occurrences per id, none negative; its length is the tokenizer's vocabulary
 */
public record TokenCountTable(long[] counts) implements TokenCounts, Serializable {

  public TokenCountTable {
    if (counts.length == 0) {
      throw new IllegalArgumentException("token counts need at least one id");
    }
    for (int i = 0; i < counts.length; i++) {
      if (counts[i] < 0) {
        throw new IllegalArgumentException("token " + i + " has a negative count " + counts[i]);
      }
    }
    counts = counts.clone();
  }

  @Override
  public long count(int id) {
    if (id < 0 || id >= counts.length) {
      throw new IllegalArgumentException("token id " + id + " is outside the count table of " + counts.length + " ids");
    }
    return counts[id];
  }

  @Override
  public long total() {
    long total = 0;
    for (long c : counts) {
      total += c;
    }
    return total;
  }

  @Override
  public int vocabSize() {
    return counts.length;
  }
}

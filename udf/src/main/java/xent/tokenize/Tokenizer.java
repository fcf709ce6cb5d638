package xent.tokenize;

/**
 * Turns text into token ids, without adding special tokens.
 *
 * <p>The scorer prepends {@link #prefixId()} itself, so implementations never add BOS or EOS.
 */
public interface Tokenizer extends AutoCloseable {

  /** Token ids of {@code text}, with no special tokens and no truncation. */
  int[] encode(String text);

  /** Number of ids this tokenizer can produce. */
  int vocabSize();

  /** Beginning-of-sequence id, or -1 when the vocabulary has none. */
  int bosId();

  /** End-of-sequence id, or -1 when the vocabulary has none. */
  int eosId();

  /** The unscored context token put before every document: BOS if there is one, else EOS. */
  default int prefixId() {
    if (bosId() >= 0) {
      return bosId();
    }
    if (eosId() >= 0) {
      return eosId();
    }
    throw new IllegalStateException("tokenizer has neither a BOS nor an EOS token to use as prefix");
  }

  @Override
  default void close() {}
}

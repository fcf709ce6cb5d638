package xent.tokenize;

/**
 * Turns text into token ids, without adding special tokens.
 *
 * <p>The scorer prepends {@link #prefixId()} itself, so implementations never add BOS or EOS.
 */
public interface Tokenizer extends AutoCloseable {

  /** Token ids of {@code text}, with no special tokens and no truncation. */
  int[] encode(String text);

  /**
   * The text of {@code ids} (no prefix token), as the tokenizer's decoder writes it back; a
   * sequence cut inside a multi-byte character ends with U+FFFD.
   */
  String decode(int[] ids);

  /** Number of ids this tokenizer can produce. */
  int vocabSize();

  /** Beginning-of-sequence id, or -1 when the vocabulary has none. */
  int bosId();

  /** End-of-sequence id, or -1 when the vocabulary has none. */
  int eosId();

  /**
   * The unscored context token put before every document, as lm-eval's {@code prefix_token_id}
   * picks it: BOS if the tokenizer has one, else EOS.
   *
   * @throws IllegalStateException when the tokenizer has neither
   */
  SpecialToken prefix();

  /** The id of {@link #prefix()}. */
  default int prefixId() {
    return prefix().id();
  }

  @Override
  default void close() {}
}

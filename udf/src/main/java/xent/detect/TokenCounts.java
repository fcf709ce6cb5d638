package xent.detect;

/**
 * How often each token id of one tokenizer occurs in a reference corpus: DC-PDD's unigram
 * frequencies. A counts job writes these per tokenizer; {@link TokenCountTable} holds them.
 */
public interface TokenCounts {

  /** Occurrences of {@code id} in the reference corpus. */
  long count(int id);

  /** Occurrences of all ids. */
  long total();

  /** Number of ids of the tokenizer (V of the Laplace smoothing). */
  int vocabSize();

  /** Laplace-smoothed frequency (c_id + 1) / (total + V). */
  default double frequency(int id) {
    return (count(id) + 1.0) / ((double) total() + vocabSize());
  }
}

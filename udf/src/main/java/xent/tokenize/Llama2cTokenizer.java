package xent.tokenize;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * llama2.c's tokenizer ({@code tokenizer.bin}), giving exactly the ids of run.c {@code encode(t,
 * text, bos=0, eos=0, ...)}.
 *
 * <p>llama2.c encodes in three steps: a dummy-prefix token (the id of " ") when the text is not
 * empty; one token per UTF-8 code point, or one byte-fallback token (byte + 3) per byte of a code
 * point missing from the vocabulary; then, while some adjacent pair concatenates to a vocabulary
 * piece, merge the pair whose piece scores highest (the leftmost on ties). run.c rescans every pair
 * after each merge, which is quadratic; here the pairs wait in a priority queue ordered by (score
 * desc, position asc) over a linked list of tokens, with stale entries skipped on removal, which
 * picks the same merge at every step.
 *
 * <p>Text becomes bytes as {@link String#getBytes} with UTF-8 makes them: a lone surrogate becomes
 * '?', the byte count the rest of xent uses. Where C would stop at a NUL, a U+0000 char here is an
 * ordinary byte: no piece contains NUL, so it always takes the byte-fallback id 3.
 *
 * <p>Immutable once read, so one instance may serve several threads.
 */
public final class Llama2cTokenizer implements Tokenizer {

  /** Ids fixed by llama2.c: 0 is unknown, 1 begins and 2 ends a sequence, 3..258 are bytes. */
  private static final int BOS = 1;

  private static final int EOS = 2;
  private static final int BYTE_OFFSET = 3;

  /** llama2.c's starting best score: pairs scoring at or below it never merge. */
  private static final float NO_MERGE = -1e10f;

  private final int vocabSize;
  private final float[] scores;
  private final byte[][] pieces;

  /** Piece (bytes as ISO-8859-1 chars) to id. */
  private final Map<String, Integer> ids;

  /** Single-byte pieces by byte value, -1 when absent. */
  private final int[] byteIds = new int[256];

  /** (left id << 32 | right id) to the id of the concatenated piece. */
  private final Map<Long, Integer> merges = new HashMap<>();

  /** Id to the id its piece looks up to (itself unless the piece repeats an earlier one). */
  private final int[] canonicalIds;

  private final int dummyPrefixId;

  private Llama2cTokenizer(Llama2cTokenizerFile vocabulary) {
    this.vocabSize = vocabulary.vocabSize();
    this.scores = vocabulary.scores();
    this.pieces = vocabulary.pieces();
    this.ids = new HashMap<>(2 * vocabSize);
    for (int id = vocabSize - 1; id >= 0; id--) {
      // Lowest id wins for a repeated piece (run.c's bsearch picks an unspecified one).
      ids.put(key(pieces[id], 0, pieces[id].length), id);
    }
    this.canonicalIds = new int[vocabSize];
    for (int id = 0; id < vocabSize; id++) {
      canonicalIds[id] = lookup(pieces[id], 0, pieces[id].length);
    }
    for (int b = 0; b < 256; b++) {
      byteIds[b] = lookup(new byte[] {(byte) b}, 0, 1);
    }
    this.dummyPrefixId = lookup(new byte[] {' '}, 0, 1);
    if (dummyPrefixId < 0) {
      throw new IllegalArgumentException(
          "llama2.c tokenizer " + vocabulary.file() + " has no \" \" piece for the dummy prefix");
    }
    for (byte[] piece : pieces) {
      addSplits(piece);
    }
  }

  /**
   * Reads a llama2.c {@code tokenizer.bin} holding at least {@code vocabSize} tokens.
   *
   * @param file the tokenizer file
   * @param vocabSize the model header's vocab_size (its absolute value)
   * @throws IOException when the file is missing, unreadable or truncated
   * @throws IllegalArgumentException when the vocabulary cannot hold the byte-fallback ids or has
   *     no " " piece
   */
  public static Llama2cTokenizer read(Path file, int vocabSize) throws IOException {
    if (vocabSize < BYTE_OFFSET + 256) {
      throw new IllegalArgumentException(
          "llama2.c tokenizer "
              + file
              + ": vocab size "
              + vocabSize
              + " cannot hold the byte-fallback ids 3..258");
    }
    return new Llama2cTokenizer(Llama2cTokenizerFile.read(file, vocabSize));
  }

  @Override
  public int[] encode(String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    if (bytes.length == 0) {
      return new int[0];
    }
    return merge(codePointTokens(bytes));
  }

  /**
   * As run.c's decode: the byte-fallback ids 3..258 are their bytes, BOS, EOS and unknown are
   * nothing, other ids their pieces, and the dummy prefix's space before the first piece is
   * dropped.
   */
  @Override
  public String decode(int[] ids) {
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    boolean first = true;
    for (int id : ids) {
      if (id < BYTE_OFFSET) {
        continue;
      }
      if (id < BYTE_OFFSET + 256) {
        bytes.write(id - BYTE_OFFSET);
      } else {
        byte[] piece = pieces[id];
        int from = first && piece.length > 0 && piece[0] == ' ' ? 1 : 0;
        bytes.write(piece, from, piece.length - from);
      }
      first = false;
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Override
  public int vocabSize() {
    return vocabSize;
  }

  @Override
  public int bosId() {
    return BOS;
  }

  @Override
  public int eosId() {
    return EOS;
  }

  @Override
  public SpecialToken prefix() {
    return new SpecialToken(BOS, "tokenizer.bin (llama2.c BOS " + BOS + ")");
  }

  /** The dummy prefix, then one token per code point or per byte of an unknown code point. */
  private int[] codePointTokens(byte[] bytes) {
    int[] tokens = new int[bytes.length + 1];
    int n = 0;
    tokens[n++] = dummyPrefixId;
    int start = 0;
    while (start < bytes.length) {
      // run.c's grouping: a byte plus the continuation bytes (10xxxxxx) after it, 4 bytes at most.
      int end = start + 1;
      while (end < bytes.length && (bytes[end] & 0xC0) == 0x80 && end - start < 4) {
        end++;
      }
      int id = end - start == 1 ? byteIds[bytes[start] & 0xff] : lookup(bytes, start, end);
      if (id >= 0) {
        tokens[n++] = id;
      } else {
        for (int i = start; i < end; i++) {
          tokens[n++] = (bytes[i] & 0xff) + BYTE_OFFSET;
        }
      }
      start = end;
    }
    return Arrays.copyOf(tokens, n);
  }

  /** Applies the best-scoring merge, leftmost on ties, until no adjacent pair merges. */
  private int[] merge(int[] tokens) {
    int n = tokens.length;
    int[] next = new int[n];
    int[] prev = new int[n];
    boolean[] merged = new boolean[n];
    List<Candidate> initial = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      next[i] = i + 1 < n ? i + 1 : -1;
      prev[i] = i - 1;
      if (i + 1 < n) {
        addCandidate(initial, tokens, i, i + 1);
      }
    }
    PriorityQueue<Candidate> queue = new PriorityQueue<>(initial);
    int remaining = n;
    while (!queue.isEmpty()) {
      Candidate c = queue.poll();
      boolean current =
          !merged[c.left]
              && next[c.left] == c.right
              && tokens[c.left] == c.leftToken
              && tokens[c.right] == c.rightToken;
      if (!current) {
        continue;
      }
      // The left node takes the merged token and keeps its position; the right node leaves.
      tokens[c.left] = c.mergedToken;
      merged[c.right] = true;
      next[c.left] = next[c.right];
      if (next[c.right] >= 0) {
        prev[next[c.right]] = c.left;
      }
      remaining--;
      if (prev[c.left] >= 0) {
        addCandidate(queue, tokens, prev[c.left], c.left);
      }
      if (next[c.left] >= 0) {
        addCandidate(queue, tokens, c.left, next[c.left]);
      }
    }
    int[] out = new int[remaining];
    int k = 0;
    for (int i = 0; i >= 0; i = next[i]) {
      out[k++] = tokens[i];
    }
    return out;
  }

  private void addCandidate(Collection<Candidate> queue, int[] tokens, int left, int right) {
    Integer mergedToken = merges.get(pairKey(tokens[left], tokens[right]));
    if (mergedToken != null && scores[mergedToken] > NO_MERGE) {
      queue.add(
          new Candidate(
              scores[mergedToken], left, right, tokens[left], tokens[right], mergedToken));
    }
  }

  /**
   * Records every pair of pieces that concatenates to {@code piece}: one per split point whose two
   * halves are both pieces. Ids are the looked-up ones, so repeated pieces share their entry.
   */
  private void addSplits(byte[] piece) {
    int whole = lookup(piece, 0, piece.length);
    for (int split = 0; split <= piece.length; split++) {
      int left = lookup(piece, 0, split);
      int right = lookup(piece, split, piece.length);
      if (left >= 0 && right >= 0) {
        merges.put(pairKey(left, right), whole);
      }
    }
  }

  private long pairKey(int left, int right) {
    // A byte-fallback id may repeat another id's piece; pairs are keyed by the looked-up ids.
    return ((long) canonicalIds[left] << 32) | canonicalIds[right];
  }

  private int lookup(byte[] bytes, int from, int to) {
    Integer id = ids.get(key(bytes, from, to));
    return id == null ? -1 : id;
  }

  private static String key(byte[] bytes, int from, int to) {
    return new String(bytes, from, to - from, StandardCharsets.ISO_8859_1);
  }

  /** A mergeable adjacent pair, as it was when queued. */
  private record Candidate(
      float score, int left, int right, int leftToken, int rightToken, int mergedToken)
      implements Comparable<Candidate> {

    @Override
    public int compareTo(Candidate other) {
      // Primitive comparisons, as in C: 0.0f and -0.0f tie (Float.compare would not).
      if (score > other.score) {
        return -1;
      }
      if (score < other.score) {
        return 1;
      }
      return Integer.compare(left, other.left);
    }
  }
}

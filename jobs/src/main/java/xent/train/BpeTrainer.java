package xent.train;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import xent.tokenize.ByteLevelAlphabet;

/**
 * Learns byte-level BPE merges from texts, GPT-2 style: texts are split into words by GPT-2's
 * pre-tokenizer pattern, each word is a sequence of byte symbols ({@link ByteLevelAlphabet}),
 * and the most frequent adjacent pair across all words (weighted by word count) is merged,
 * again and again, until the target number of merges or until no pair occurs twice.
 *
 * <p>Written here because DJL's tokenizers binding loads and runs tokenizer.json files but does
 * not expose the Rust library's trainers. Ties go to the pair of smaller symbol ids, so the
 * result depends only on the texts.
 */
public final class BpeTrainer {

  /** GPT-2's pre-tokenizer, the pattern tokenizer.json's ByteLevel step applies. */
  static final Pattern WORDS = Pattern.compile(
      "'s|'t|'re|'ve|'m|'ll|'d| ?\\p{L}+| ?\\p{N}+| ?[^\\s\\p{L}\\p{N}]+|\\s+(?!\\S)|\\s+");

  private final List<String> symbols = new ArrayList<>(); // piece of each symbol id
  private final List<int[]> words = new ArrayList<>(); // symbol ids of each distinct word
  private final List<Long> wordCounts = new ArrayList<>();
  private final Map<Long, Long> pairCounts = new HashMap<>();
  private final Map<Long, Set<Integer>> wordsWithPair = new HashMap<>();
  private final Set<String> pieces = new HashSet<>();
  private final Set<Long> forbidden = new HashSet<>();
  private final PriorityQueue<long[]> queue = new PriorityQueue<>(
      (x, y) -> x[0] != y[0] ? Long.compare(y[0], x[0]) : Long.compare(x[1], y[1]));

  private BpeTrainer() {}

  /**
   * Merge rules in priority order, each "left right" in alphabet symbols, ready for {@link
   * xent.tokenize.TokenizerJsonWriter#writeByteLevel}.
   *
   * @param merges the most merges to learn (vocabulary = 256 + merges + special tokens)
   */
  public static List<String> learn(Iterable<String> texts, int merges) {
    if (merges < 0) {
      throw new IllegalArgumentException("number of merges must be >= 0, found " + merges);
    }
    BpeTrainer trainer = new BpeTrainer();
    trainer.countWords(texts);
    List<String> out = new ArrayList<>(merges);
    while (out.size() < merges) {
      long[] best = trainer.mostFrequentPair();
      if (best == null) {
        break;
      }
      String rule = trainer.merge(best[1]);
      if (rule != null) {
        out.add(rule);
      }
    }
    return out;
  }

  private void countWords(Iterable<String> texts) {
    for (int b = 0; b < 256; b++) {
      symbols.add(String.valueOf(ByteLevelAlphabet.symbol(b)));
      pieces.add(symbols.get(b));
    }
    Map<String, Long> counts = new TreeMap<>(); // sorted: word ids do not depend on hashing
    for (String text : texts) {
      Matcher m = WORDS.matcher(text);
      while (m.find()) {
        counts.merge(m.group(), 1L, Long::sum);
      }
    }
    for (Map.Entry<String, Long> e : counts.entrySet()) {
      byte[] bytes = e.getKey().getBytes(StandardCharsets.UTF_8);
      int[] ids = new int[bytes.length];
      for (int i = 0; i < bytes.length; i++) {
        ids[i] = bytes[i] & 0xff;
      }
      int word = words.size();
      words.add(ids);
      wordCounts.add(e.getValue());
      addPairs(word, e.getValue());
    }
    pairCounts.forEach((pair, count) -> queue.add(new long[] {count, pair}));
  }

  /** The pair with the highest current count, or null when none occurs at least twice. */
  private long[] mostFrequentPair() {
    while (!queue.isEmpty()) {
      long[] top = queue.poll();
      Long current = pairCounts.get(top[1]);
      if (current != null && current == top[0]) { // else a stale entry: counts changed since
        return current >= 2 ? top : null;
      }
    }
    return null;
  }

  /**
   * Replaces every occurrence of {@code pair} by a new symbol and returns the merge rule; or, when
   * the pair spells a piece an earlier merge already made ("ab c" after "a bc"), drops the pair
   * for good and returns null, since a vocabulary holds each piece once.
   */
  private String merge(long pair) {
    int left = (int) (pair >>> 32);
    int right = (int) pair;
    String piece = symbols.get(left) + symbols.get(right);
    if (!pieces.add(piece)) {
      pairCounts.remove(pair);
      forbidden.add(pair);
      return null;
    }
    int merged = symbols.size();
    symbols.add(piece);
    Set<Long> touched = new HashSet<>();
    for (int word : wordsWithPair.getOrDefault(pair, Set.of()).stream().sorted().toList()) {
      int[] ids = words.get(word);
      if (!contains(ids, left, right)) {
        continue;
      }
      long count = wordCounts.get(word);
      touched.addAll(removePairs(word, count));
      int[] out = new int[ids.length];
      int n = 0;
      for (int i = 0; i < ids.length; i++) {
        if (i + 1 < ids.length && ids[i] == left && ids[i + 1] == right) {
          out[n++] = merged;
          i++;
        } else {
          out[n++] = ids[i];
        }
      }
      words.set(word, Arrays.copyOf(out, n));
      touched.addAll(addPairs(word, count));
    }
    pairCounts.remove(pair);
    for (long p : touched) {
      Long count = pairCounts.get(p);
      if (count != null) {
        queue.add(new long[] {count, p});
      }
    }
    return symbols.get(left) + " " + symbols.get(right);
  }

  private Set<Long> addPairs(int word, long count) {
    int[] ids = words.get(word);
    Set<Long> pairs = new HashSet<>();
    for (int i = 0; i + 1 < ids.length; i++) {
      long p = key(ids[i], ids[i + 1]);
      if (forbidden.contains(p)) {
        continue;
      }
      pairCounts.merge(p, count, Long::sum);
      wordsWithPair.computeIfAbsent(p, k -> new HashSet<>()).add(word);
      pairs.add(p);
    }
    return pairs;
  }

  private Set<Long> removePairs(int word, long count) {
    int[] ids = words.get(word);
    Set<Long> pairs = new HashSet<>();
    for (int i = 0; i + 1 < ids.length; i++) {
      long p = key(ids[i], ids[i + 1]);
      pairCounts.computeIfPresent(p, (k, c) -> c - count == 0 ? null : c - count);
      pairs.add(p);
    }
    return pairs;
  }

  private static boolean contains(int[] ids, int left, int right) {
    for (int i = 0; i + 1 < ids.length; i++) {
      if (ids[i] == left && ids[i + 1] == right) {
        return true;
      }
    }
    return false;
  }

  private static long key(int left, int right) {
    return ((long) left << 32) | (right & 0xffffffffL);
  }
}

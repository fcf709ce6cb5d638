package xent.scoring;

import java.io.IOException;
import java.nio.file.Path;
import xent.model.checkpoint.Checkpoint;
import xent.reference.RandomCheckpoints;

/** Small random-weight Hugging Face folders with a byte-level tokenizer, for job tests. */
public final class TestModels {

  private TestModels() {}

  /** A GPT-2 of 2 layers, width 64, byte-level vocabulary: different family from stories260K. */
  public static Path gpt2(Path folder) throws IOException {
    return write(folder, RandomCheckpoints.gpt2().optVocabSize(257).optMaxPositions(512).build(3));
  }

  /** A Llama of 2 layers, width 64, byte-level vocabulary and a 512-token context. */
  public static Path llama(Path folder) throws IOException {
    return write(folder, RandomCheckpoints.llama().optVocabSize(257).optMaxPositions(512).build(5));
  }

  /**
   * About {@code chars} characters of seeded English-like prose (words, punctuation, newlines and
   * a few non-ASCII letters, so bytes and characters differ), for corpora of tests that need text
   * but not a particular one.
   */
  public static String prose(int chars, long seed) {
    String[] words = {"the", "a", "little", "girl", "dog", "went", "to", "park", "and", "saw",
        "big", "red", "ball", "she", "was", "happy", "they", "played", "all", "day", "café",
        "naïve", "über", "sun", "tree", "friend", "said", "hello", "time", "once"};
    java.util.Random random = new java.util.Random(seed);
    StringBuilder text = new StringBuilder();
    while (text.length() < chars) {
      int n = 4 + random.nextInt(10);
      for (int w = 0; w < n; w++) {
        String word = words[random.nextInt(words.length)];
        text.append(w == 0 ? Character.toUpperCase(word.charAt(0)) + word.substring(1) : word);
        text.append(w == n - 1 ? (random.nextInt(4) == 0 ? ".\n" : ". ") : random.nextInt(8) == 0 ? ", " : " ");
      }
    }
    return text.toString();
  }

  /** A one-layer Llama of width 16: fast enough for multi-megabyte documents. */
  public static Path tinyLlama(Path folder) throws IOException {
    return write(folder, RandomCheckpoints.llama().optVocabSize(257).optDim(16).optLayers(1)
        .optHeads(2, 2).optMaxPositions(1024).build(4));
  }

  /** Writes {@code checkpoint} as a Hugging Face folder with a byte-level tokenizer.json (vocabulary 257). */
  public static Path write(Path folder, Checkpoint checkpoint) throws IOException {
    return RandomCheckpoints.writeFolder(folder, checkpoint);
  }
}

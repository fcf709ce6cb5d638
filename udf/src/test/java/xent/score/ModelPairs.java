package xent.score;

import java.io.IOException;
import java.nio.file.Path;
import xent.reference.RandomCheckpoints;

/**
 * Two tiny random Llamas of different shapes sharing the byte-level tokenizer, for the tests of
 * two-model scores: an observer (dim 64, 2 layers) and a performer (dim 32, 3 layers).
 */
public final class ModelPairs {

  private ModelPairs() {}

  /** Writes both folders under {@code dir}; returns {observer, performer}. */
  public static Path[] write(Path dir, long seed) throws IOException {
    Path observer = RandomCheckpoints.writeFolder(dir.resolve("observer"),
        RandomCheckpoints.llama().optVocabSize(257).optStd(0.3).build(seed));
    Path performer = RandomCheckpoints.writeFolder(dir.resolve("performer"),
        RandomCheckpoints.llama().optVocabSize(257).optDim(32).optLayers(3).optStd(0.3).build(seed + 1));
    return new Path[] {observer, performer};
  }
}

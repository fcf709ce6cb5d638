package xent.score;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import xent.model.LoadedModel;
import xent.model.ModelSpec;
import xent.reference.RandomCheckpoints;
import xent.reference.ResidentMemory;

/** Every batch frees its native memory: the process does not grow over 10,000 batches. */
class ScorerMemoryTest {

  /** Resident set size of this process in MB, from /proc (Linux). */
  private static long residentMb() {
    System.gc(); // heap garbage is not what this test is about
    return ResidentMemory.currentMegabytes();
  }

  @Test
  void residentMemoryStaysFlatOverTenThousandBatches(@TempDir Path dir) throws IOException {
    // Any model will do: a random Llama of stories260K's width, built here.
    Path folder = RandomCheckpoints.writeFolder(dir, RandomCheckpoints.llama().optVocabSize(257)
        .optLayers(5).optMaxPositions(512).build(9));
    try (LoadedModel model = LoadedModel.load(new ModelSpec("random", folder));
        Scorer scorer = new Scorer(model, ScoringOptions.DEFAULT.withMaxLength(32).withTokenBudget(64)
            .withEntropyAndRank(true))) {
      List<String> texts = List.of("Once upon a time, there was a little girl named Lily.", "She loved to play.");
      for (int i = 0; i < 500; i++) { // warm up allocator and JIT
        scorer.scoreTexts(texts, false);
      }
      long before = residentMb();
      for (int i = 0; i < 5000; i++) { // 53 and 18 bytes: 3 windows of <= 32 tokens, >= 2 batches a call
        scorer.scoreTexts(texts, false);
      }
      long after = residentMb();
      System.out.printf("RSS over 10,000 batches: %d MB -> %d MB%n", before, after);
      // A leaked batch costs at least its activations (~100 KB here): 10,000 would be ~1 GB.
      assertTrue(after - before < 50, "RSS grew from " + before + " MB to " + after + " MB");
    }
  }
}

package xent.tokenize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import xent.Tolerance;
import xent.model.LoadedModel;
import xent.model.ModelSpec;
import xent.model.checkpoint.Checkpoint;
import xent.model.checkpoint.DType;
import xent.model.checkpoint.HfCheckpointWriter;
import xent.reference.RandomCheckpoints;
import xent.reference.ReferenceLlama;
import xent.score.Scorer;
import xent.score.ScoringOptions;
import xent.score.TokenScores;

/**
 * Gemma 3's 262,145-id vocabulary scores through the chunked on-engine log-softmax: the
 * log-probs equal a float64 reference, and the logits never come to the Java heap.
 */
@Tag("npm")
class LargeVocabularyScoringTest {

  private static final int LAYERS = 1;
  private static final int MAX_LENGTH = 256;

  @Test
  void scoresGemma3TextWithTheFloat64LogProbsAndNoLogitsOnTheHeap(@TempDir Path dir)
      throws IOException {
    Path gemma3 = RealTokenizerFolders.folder(RealTokenizer.GEMMA3);
    int vocab = RealTokenizer.GEMMA3.vocabSize;
    Checkpoint checkpoint = RandomCheckpoints.llama().optVocabSize(vocab).optDim(16)
        .optLayers(LAYERS).optHeads(2, 2).optMaxPositions(2 * MAX_LENGTH).build(31);
    HfCheckpointWriter.write(dir, checkpoint.config(), checkpoint.tensors(), DType.F32, 1);
    for (String file : RealTokenizerFolders.FILES) {
      Files.copy(gemma3.resolve(file), dir.resolve(file));
    }

    try (LoadedModel model = LoadedModel.load(new ModelSpec("gemma3-vocab", dir));
        Scorer scorer = new Scorer(model, ScoringOptions.DEFAULT.withMaxLength(MAX_LENGTH))) {
      // every hard text is one document of one window, so the reference needs no window logic
      List<int[]> documents = new ArrayList<>();
      for (String text : HardText.SAMPLES.values()) {
        int[] tokens = model.tokenizer().encode(text);
        if (tokens.length <= MAX_LENGTH) {
          documents.add(tokens);
        }
      }
      int scored = documents.stream().mapToInt(d -> d.length).sum();
      assertTrue(scored >= 300, "only " + scored + " tokens to score");
      int prefix = model.tokenizer().prefixId();
      assertEquals(2, prefix, "Gemma 3's <bos>");

      scorer.scoreTokens(documents); // warm-up: JIT and the engine's first-use allocations
      MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
      com.sun.management.ThreadMXBean thread =
          (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
      System.gc();
      long heapBefore = memory.getHeapMemoryUsage().getUsed();
      long allocatedBefore = thread.getCurrentThreadAllocatedBytes();
      List<TokenScores> scores = scorer.scoreTokens(documents);
      long allocated = thread.getCurrentThreadAllocatedBytes() - allocatedBefore;
      System.gc();
      long heapGrowth = memory.getHeapMemoryUsage().getUsed() - heapBefore;

      // The float32 logits of the scored positions alone, without padding: less than B * T * V * 4.
      long logitsBytes = (long) scored * vocab * 4;
      System.out.printf("gemma3 vocabulary %d, %d documents, %d tokens: logits would be %d MB;"
              + " heap growth %d KB, allocated on the heap while scoring %d KB%n",
          vocab, documents.size(), scored, logitsBytes >> 20, heapGrowth >> 10, allocated >> 10);
      // What scoring legitimately keeps or allocates is per position (ids, targets, one float per
      // target) plus the engine's wrappers per operation: well under 1% of the logits, which a
      // single copied chunk of them (16 rows of V floats, 16 MB) would already exceed.
      assertTrue(heapGrowth < logitsBytes / 100,
          "heap grew by " + heapGrowth + " bytes, logits are " + logitsBytes);
      assertTrue(allocated < logitsBytes / 100,
          "scoring allocated " + allocated + " heap bytes, logits are " + logitsBytes);

      ReferenceLlama reference = new ReferenceLlama(checkpoint);
      double tolerance = Tolerance.perToken(LAYERS);
      double worst = 0;
      for (int d = 0; d < documents.size(); d++) {
        int[] targets = documents.get(d);
        int[] input = new int[targets.length]; // [prefix] + every target but the last
        input[0] = prefix;
        System.arraycopy(targets, 0, input, 1, targets.length - 1);
        double[] expected = reference.targetLogProbs(input, targets);
        float[] actual = scores.get(d).logprob();
        for (int t = 0; t < targets.length; t++) {
          worst = Math.max(worst, Math.abs(actual[t] - expected[t]));
          assertEquals(expected[t], actual[t], tolerance, "document " + d + " token " + t);
        }
        assertEquals(Arrays.stream(expected).sum(), scores.get(d).sum(),
            Tolerance.forwardSum(targets.length, LAYERS), "document " + d);
      }
      System.out.printf("largest |float32 - float64| per token: %.2e (tolerance %.1e)%n",
          worst, tolerance);
    }
  }
}

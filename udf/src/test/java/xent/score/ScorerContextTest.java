package xent.score;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import xent.model.LoadedModel;
import xent.model.ModelSpec;
import xent.model.checkpoint.Checkpoint;
import xent.model.checkpoint.DType;
import xent.model.checkpoint.HfCheckpointWriter;
import xent.reference.RandomCheckpoints;
import xent.tokenize.TokenizerJsonWriter;

/** Windows are never longer than the model's context; progress is heard batch by batch. */
class ScorerContextTest {

  static Stream<Arguments> families() {
    return Stream.of(
        Arguments.of("gpt2", RandomCheckpoints.gpt2().optMaxPositions(64)),
        Arguments.of("llama", RandomCheckpoints.llama().optMaxPositions(64)));
  }

  private static LoadedModel load(RandomCheckpoints.Builder builder, Path dir) throws IOException {
    Checkpoint random = builder.optVocabSize(257).build(11);
    HfCheckpointWriter.write(dir, random.config(), random.tensors(), DType.F32, 1);
    TokenizerJsonWriter.writeByteLevel(dir.resolve("tokenizer.json"), List.of(), List.of("<|endoftext|>"));
    return LoadedModel.load(new ModelSpec("tiny", dir));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("families")
  void refusesMaxLengthAboveContextNamingBothNumbers(
      String family, RandomCheckpoints.Builder builder, @TempDir Path dir) throws IOException {
    try (LoadedModel model = load(builder, dir)) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> new Scorer(model, ScoringOptions.DEFAULT.withMaxLength(65)));
      assertEquals("model tiny: --max-length 65 exceeds its context of 64 positions;"
          + " use --max-length 64 or less", e.getMessage());
      try (Scorer atContext = new Scorer(model, ScoringOptions.DEFAULT.withMaxLength(64))) {
        assertEquals(64, atContext.maxLength());
      }
    }
  }

  @Test
  void reportsTokensBatchByBatchBeforeALongDocumentIsDone(@TempDir Path dir) throws IOException {
    // 2000 byte tokens in windows of 16, 4 windows a batch: 32 batches for one document.
    ScoringOptions options = ScoringOptions.DEFAULT.withMaxLength(16).withTokenBudget(64);
    List<Integer> batches = new ArrayList<>();
    try (LoadedModel model = load(RandomCheckpoints.llama().optMaxPositions(64), dir);
        Scorer scorer = new Scorer(model, options, batches::add)) {
      DocumentScore score = scorer.scoreTexts(List.of("a".repeat(2000)), false).get(0);
      assertEquals(2000, score.nTokens());
      assertEquals(32, batches.size(), batches.toString());
      assertEquals(2000, batches.stream().mapToInt(Integer::intValue).sum());
      assertTrue(batches.stream().allMatch(n -> n <= 64), batches.toString());
    }
  }
}

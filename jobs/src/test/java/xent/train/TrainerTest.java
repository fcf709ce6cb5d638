package xent.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import xent.RequiresSharedData;
import xent.SharedData;
import xent.model.LoadedModel;
import xent.model.ModelConfig.Family;
import xent.model.ModelSpec;
import xent.model.TorchEngine;
import xent.score.DocumentScore;
import xent.score.Scorer;
import xent.score.ScoringOptions;
import xent.tokenize.HfTokenizer;

/** Training tiny models on the TinyStories sample with a byte-level tokenizer. */
@RequiresSharedData
class TrainerTest {

  @TempDir static Path dir;
  private static List<String> lines;

  @BeforeAll
  static void tokenizer() throws IOException {
    TorchEngine.start(1); // one thread: OpenMP spins badly on a busy 2-core machine
    lines = Files.readAllLines(SharedData.file("reference/tinystory.txt")).stream()
        .filter(l -> !l.isBlank()).toList();
    TokenizerChoice.parse("byte", null).write(dir, lines);
  }

  private static TrainingOptions options(Family family, int steps, long seed) {
    return new TrainingOptions(family, 32, 2, 2, 0, 0, 32, 8, steps, 3e-3, 3e-4, 10,
        LearningRateSchedule.Shape.COSINE, 0, 0.1, 1.0, seed, 0, 8);
  }

  private static Trainer trainer(TrainingOptions options) throws IOException {
    HfTokenizer tokenizer = HfTokenizer.open(dir);
    return new Trainer(options, tokenizer,
        TokenStreams.of(Map.of("story", lines), tokenizer), null);
  }

  @Test
  void lossFallsFromUniformToWellBelowItInAFewHundredSteps() throws IOException {
    TrainingOptions options = new TrainingOptions(Family.LLAMA, 32, 2, 2, 0, 0, 32, 8, 300, 5e-3,
        5e-4, 10, LearningRateSchedule.Shape.COSINE, 0, 0.1, 1.0, 1, 0, 8);
    try (Trainer trainer = trainer(options)) {
      for (int i = 0; i < 300; i++) {
        trainer.step();
      }
      float[] losses = trainer.losses();
      double first = Arrays.stream(new double[] {losses[0], losses[1], losses[2]}).average().orElseThrow();
      double last = 0;
      for (int i = 290; i < 300; i++) {
        last += losses[i] / 10;
      }
      assertEquals(Math.log(257), first, 0.3); // small initial weights: close to uniform
      // below the byte unigram entropy of English (about 2.9 nats): it uses the context
      assertTrue(last < 2.8, "loss after 300 steps: " + last + " (from " + first + ")");
    }
  }

  @Test
  void sameSeedGivesTheSameLossCurveAndAnotherSeedAnother() throws IOException {
    float[] a = curve(7);
    float[] b = curve(7);
    float[] c = curve(8);
    assertArrayEquals(a, b, 1e-6f);
    assertFalse(Arrays.equals(a, c));
  }

  private static float[] curve(long seed) throws IOException {
    try (Trainer trainer = trainer(options(Family.GPT2, 20, seed))) {
      for (int i = 0; i < 20; i++) {
        trainer.step();
      }
      return trainer.losses();
    }
  }

  @Test
  void gpt2CheckpointScoresAsTheInMemoryModelAfterTheRoundTrip() throws IOException {
    roundTrip(Family.GPT2); // Conv1D weights are written back transposed
  }

  @Test
  void llamaCheckpointScoresAsTheInMemoryModelAfterTheRoundTrip() throws IOException {
    roundTrip(Family.LLAMA);
  }

  private static void roundTrip(Family family) throws IOException {
    Path folder = dir.resolve(family.name().toLowerCase());
    List<String> texts = List.of(lines.get(0), lines.get(3), "Zebras? No: 42 unseen bytes \u00e9\u4e2d.");
    try (Trainer trainer = trainer(options(family, 30, 3))) {
      for (int i = 0; i < 30; i++) {
        trainer.step();
      }
      CheckpointFolder.write(folder, trainer.model().lm(), dir);
      List<DocumentScore> before;
      try (Scorer scorer = new Scorer(trainer.model(), ScoringOptions.DEFAULT)) {
        before = scorer.scoreTexts(texts, true);
      }
      try (LoadedModel read = LoadedModel.load(new ModelSpec("read", folder));
          Scorer scorer = new Scorer(read, ScoringOptions.DEFAULT)) {
        List<DocumentScore> after = scorer.scoreTexts(texts, true);
        for (int d = 0; d < texts.size(); d++) {
          float[] x = before.get(d).tokens().logprob();
          float[] y = after.get(d).tokens().logprob();
          assertEquals(x.length, y.length);
          assertTrue(x.length > 30);
          assertArrayEquals(x, y, 1e-5f, "document " + d);
        }
        // trained: far better than uniform on the training text
        double perToken = -after.get(0).logprob() / after.get(0).nTokens();
        assertTrue(perToken < Math.log(257) - 1, "trained model's loss " + perToken);
      }
    }
  }
}

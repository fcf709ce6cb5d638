package xent.score;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import xent.RequiresSharedData;
import xent.SharedData;
import xent.Tolerance;
import xent.model.LoadedModel;
import xent.model.ModelSpec;

/** stories260K on the reference story against the independent float64 reference values. */
@RequiresSharedData
class ScorerGoldenTest {

  private static final int LAYERS = 5; // stories260K

  private static LoadedModel model;
  private static String story;

  @BeforeAll
  static void load() throws IOException {
    model = LoadedModel.load(new ModelSpec("stories260K", SharedData.stories260K()));
    story = Files.readString(SharedData.reference("tinystory.txt"), StandardCharsets.UTF_8);
  }

  @AfterAll
  static void close() {
    if (model != null) {
      model.close();
    }
  }

  private static DocumentScore score(ScoringOptions options) {
    try (Scorer scorer = new Scorer(model, options)) {
      return scorer.scoreTexts(List.of(story), true).get(0);
    }
  }

  @Test
  void matchesTheReferenceSumAndEveryTokenAtWindow128() throws IOException {
    DocumentScore score = score(ScoringOptions.DEFAULT.withMaxLength(128));
    List<String[]> rows = new ArrayList<>();
    for (String line : Files.readAllLines(SharedData.reference("tinystory.w128.tsv"))) {
      if (!line.startsWith("#") && !line.isBlank()) {
        rows.add(line.split("\t"));
      }
    }
    assertEquals(1968, rows.size());
    assertEquals(1968, score.nTokens());
    assertEquals(4126, score.nBytes());
    float[] logprob = score.tokens().logprob();
    for (int i = 0; i < rows.size(); i++) {
      assertEquals(Double.parseDouble(rows.get(i)[2]), logprob[i], Tolerance.perToken(LAYERS), "token " + i);
    }
    // Sums: the bound shared/reference/README.md gives a float32 implementation, 0.01 nats, which
    // is twice sqrt(1968) perToken(5) (the tokens' errors as a random walk); Tolerance.forwardSum
    // (worst case, 0.22) would let a lost token of log-prob > -0.2 pass unseen.
    assertEquals(-2672.657778, score.logprob(), 0.01);
    // perplexity = exp(-sum / n): its relative error is the sum's error over n.
    assertEquals(3.888634, score.tokenPerplexity(), 3.888634 * 0.01 / 1968);
  }

  @Test
  void matchesTheReferenceSumAtWindow512() {
    assertEquals(-2486.980548, score(ScoringOptions.DEFAULT.withMaxLength(512)).logprob(), 0.01);
  }

  @Test
  void defaultWindowIsTheModelsContext() {
    assertEquals(-2486.980548, score(ScoringOptions.DEFAULT).logprob(), 0.01);
  }
}

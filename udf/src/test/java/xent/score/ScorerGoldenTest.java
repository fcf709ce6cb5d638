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
    assertEquals(-2682.625111, score.logprob(), Tolerance.forwardSum(1968, LAYERS));
    // perplexity = exp(-sum / n): its relative error is the sum's error over n.
    assertEquals(3.908378, score.tokenPerplexity(), 3.908378 * Tolerance.perToken(LAYERS));
  }

  @Test
  void matchesTheReferenceSumAtWindow512() {
    assertEquals(-2499.387194, score(ScoringOptions.DEFAULT.withMaxLength(512)).logprob(),
        Tolerance.forwardSum(1968, LAYERS));
  }

  @Test
  void defaultWindowIsTheModelsContext() {
    assertEquals(-2499.387194, score(ScoringOptions.DEFAULT).logprob(), Tolerance.forwardSum(1968, LAYERS));
  }
}

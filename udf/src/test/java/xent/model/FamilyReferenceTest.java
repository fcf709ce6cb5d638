package xent.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import xent.RequiresSharedData;
import xent.SharedData;
import xent.Tolerance;
import xent.score.Scorer;
import xent.score.ScoringOptions;
import xent.score.TokenScores;

/**
 * Each family folder of shared/reference/families, written by transformers 5, scores text.txt as
 * transformers' own modeling class does in float64 (ARCH.json): the same token ids and prefix, and
 * every token's log-prob under lm-eval rolling windows of 128.
 */
@RequiresSharedData
class FamilyReferenceTest {

  private static final int WINDOW = 128;

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"gpt2", "gpt_neox", "llama", "mistral", "qwen2", "qwen3", "gemma",
      "gemma2", "olmo", "olmo2", "stablelm", "phi", "gptj", "phi3", "opt", "bloom", "falcon"})
  void scoresTheReferenceTextAsTransformersDoes(String family) throws IOException {
    Path families = SharedData.reference("families");
    assertScoresAsTransformers(family, families.resolve(family), families.resolve(family + ".json"),
        families.resolve("text.txt"));
  }

  /**
   * The checkpoint folder scores text as transformers did in float64 (referenceJson): identical
   * token ids and prefix, every token within the float32 bound, and the sum.
   */
  static void assertScoresAsTransformers(String name, Path folder, Path referenceJson, Path textFile)
      throws IOException {
    JsonObject expected = JsonParser.parseString(
        Files.readString(referenceJson, StandardCharsets.UTF_8)).getAsJsonObject();
    assertEquals(WINDOW, expected.get("max_length").getAsInt(), name + ".json max_length");
    String text = Files.readString(textFile, StandardCharsets.UTF_8);

    try (LoadedModel model = LoadedModel.load(new ModelSpec(name, folder));
        Scorer scorer = new Scorer(model, ScoringOptions.DEFAULT.withMaxLength(WINDOW))) {
      int[] ids = model.tokenizer().encode(text);
      assertArrayEquals(ints(expected.getAsJsonArray("token_ids")), ids, name + " token ids");
      assertEquals(expected.get("prefix_id").getAsInt(), model.tokenizer().prefixId(), name + " prefix");

      TokenScores scores = scorer.scoreTokens(List.of(ids)).get(0);
      // The issue asks for 1e-4 per token; the bound derived from float32 arithmetic is tighter.
      int layers = model.config().nLayers();
      double perToken = Math.min(1e-4, Tolerance.perToken(layers));
      double[] logProbs = doubles(expected.getAsJsonArray("token_logprobs"));
      for (int i = 0; i < ids.length; i++) {
        assertEquals(logProbs[i], scores.logprob()[i], perToken, name + " token " + i);
      }
      assertEquals(expected.get("sum_logprob").getAsDouble(), scores.sum(),
          Tolerance.forwardSum(ids.length, layers), name + " sum");
    }
  }

  private static int[] ints(JsonArray array) {
    int[] out = new int[array.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = array.get(i).getAsInt();
    }
    return out;
  }

  private static double[] doubles(JsonArray array) {
    double[] out = new double[array.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = array.get(i).getAsDouble();
    }
    return out;
  }
}

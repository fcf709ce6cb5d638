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
import xent.Tolerance;
import xent.score.Scorer;
import xent.score.ScoringOptions;
import xent.score.TokenScores;

/**
 * A checkpoint folder written by transformers and its reference {@code NAME.json} (token ids,
 * prefix, per-token float64 log-probs of transformers' modeling class under lm-eval rolling
 * windows of 128): xent must give the same ids and prefix and every log-prob within the float32
 * forward bound.
 */
final class TransformersReference {

  static final int WINDOW = 128;

  private TransformersReference() {}

  /** Scores {@code text} with {@code folder} and compares with {@code reference}. */
  static void assertScoresAsTransformers(String name, Path folder, Path reference, Path text)
      throws IOException {
    JsonObject expected = JsonParser.parseString(
        Files.readString(reference, StandardCharsets.UTF_8)).getAsJsonObject();
    assertEquals(WINDOW, expected.get("max_length").getAsInt(), name + ".json max_length");
    String content = Files.readString(text, StandardCharsets.UTF_8);

    try (LoadedModel model = LoadedModel.load(new ModelSpec(name, folder));
        Scorer scorer = new Scorer(model, ScoringOptions.DEFAULT.withMaxLength(WINDOW))) {
      int[] ids = model.tokenizer().encode(content);
      assertArrayEquals(ints(expected.getAsJsonArray("token_ids")), ids, name + " token ids");
      assertEquals(expected.get("prefix_id").getAsInt(), model.tokenizer().prefixId(),
          name + " prefix");

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

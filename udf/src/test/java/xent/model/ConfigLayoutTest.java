package xent.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import xent.RequiresSharedData;
import xent.SharedData;
import xent.score.Scorer;
import xent.score.ScoringOptions;
import xent.score.TokenScores;

/**
 * The shared Llama reference folder (transformers 5 layout, llama3 rope scaling) rewritten in the
 * transformers 4 layout scores exactly the same: both layouts are one configuration.
 */
@RequiresSharedData
class ConfigLayoutTest {

  @TempDir Path dir;

  @Test
  void sameLlamaFolderInTransformers4And5LayoutsScoresTheSame() throws IOException {
    Path shared = SharedData.reference("families").resolve("llama");
    JsonObject v5 = JsonParser.parseString(
        Files.readString(shared.resolve("config.json"), StandardCharsets.UTF_8)).getAsJsonObject();
    JsonObject v4 = v5.deepCopy();
    JsonObject rope = v4.remove("rope_parameters").getAsJsonObject();
    v4.add("rope_theta", rope.remove("rope_theta"));
    v4.add("rope_scaling", rope);
    String text = Files.readString(shared.resolveSibling("text.txt"), StandardCharsets.UTF_8);

    TokenScores fromV5 = score(copy(shared, "v5", v5), text);
    TokenScores fromV4 = score(copy(shared, "v4", v4), text);

    assertArrayEquals(fromV5.logprob(), fromV4.logprob());
    // and the layout matters: rope_theta ignored (10000) moves the sum by whole nats
    JsonObject thetaDropped = v4.deepCopy();
    thetaDropped.remove("rope_theta");
    assertNotEquals(fromV4.sum(), score(copy(shared, "dropped", thetaDropped), text).sum(), 1.0);
  }

  private Path copy(Path shared, String name, JsonObject config) throws IOException {
    Path folder = Files.createDirectories(dir.resolve(name));
    for (String file : List.of("model.safetensors", "tokenizer.json", "tokenizer_config.json")) {
      Files.createSymbolicLink(folder.resolve(file), shared.resolve(file));
    }
    Files.writeString(folder.resolve("config.json"), new Gson().toJson(config), StandardCharsets.UTF_8);
    return folder;
  }

  private static TokenScores score(Path folder, String text) throws IOException {
    try (LoadedModel model = LoadedModel.load(new ModelSpec("llama", folder));
        Scorer scorer = new Scorer(model, ScoringOptions.DEFAULT.withMaxLength(128))) {
      int[] ids = model.tokenizer().encode(text);
      assertEquals(582, ids.length);
      return scorer.scoreTokens(List.of(ids)).get(0);
    }
  }
}

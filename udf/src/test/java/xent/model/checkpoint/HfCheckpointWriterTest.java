package xent.model.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.GsonBuilder;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import xent.model.ModelConfig;

/** The config.json xent writes (training output) reads back to the config it was written from. */
@Tag("fast")
class HfCheckpointWriterTest {

  @TempDir Path dir;

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"llama_yarn", "qwen2_yarn", "llama_longrope", "llama_longrope_short",
      "llama_mlp_bias", "llama_attention_bias"})
  void writesRopeScalingAndBiasesSoTheyReadBackEqual(String variant)
      throws IOException, URISyntaxException {
    Path folder = Path.of(HfCheckpointWriterTest.class
        .getResource("/hf-reference/" + variant + "/config.json").toURI());
    ModelConfig read = HfConfig.read(folder);

    Path written = dir.resolve("config.json");
    Files.writeString(written, new GsonBuilder().create()
        .toJson(HfCheckpointWriter.configJson(read)), StandardCharsets.UTF_8);

    assertEquals(read, HfConfig.read(written));
  }
}

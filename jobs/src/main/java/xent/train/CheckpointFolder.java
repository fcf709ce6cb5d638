package xent.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import xent.model.CausalLm;
import xent.model.ParameterTensors;
import xent.model.checkpoint.DType;
import xent.model.checkpoint.HfCheckpointWriter;

/** Writes a model being trained as a Hugging Face folder that {@link xent.model.LoadedModel} reads. */
public final class CheckpointFolder {

  private static final String[] TOKENIZER_FILES = {"tokenizer.json", "tokenizer_config.json"};

  private CheckpointFolder() {}

  /**
   * Writes {@code folder}/config.json and model.safetensors (float32) from the live weights, and
   * copies the tokenizer files of {@code tokenizerFolder} unless it is {@code folder} itself.
   */
  public static void write(Path folder, CausalLm lm, Path tokenizerFolder) throws IOException {
    HfCheckpointWriter.write(folder, lm.config(), ParameterTensors.of(lm), DType.F32, 1);
    if (!folder.toAbsolutePath().normalize().equals(tokenizerFolder.toAbsolutePath().normalize())) {
      for (String name : TOKENIZER_FILES) {
        Path file = tokenizerFolder.resolve(name);
        if (Files.isRegularFile(file)) {
          Files.copy(file, folder.resolve(name), StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
  }
}

package xent.tokenize;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Finds and opens the tokenizer of a model folder. */
public final class TokenizerFiles {

  private TokenizerFiles() {}

  /**
   * Opens {@code tokenizer.json} (Hugging Face) if the folder has one, else {@code tokenizer.bin}
   * (llama2.c).
   *
   * @param modelFolder the model's folder
   * @param vocabSize the model's vocabulary size; llama2.c tokenizer files do not record theirs
   * @throws NoSuchFileException when the folder has neither file
   */
  public static Tokenizer open(Path modelFolder, int vocabSize) throws IOException {
    Path huggingFace = modelFolder.resolve("tokenizer.json");
    Path llama2c = modelFolder.resolve("tokenizer.bin");
    if (Files.isRegularFile(huggingFace)) {
      return HfTokenizer.open(modelFolder);
    }
    if (Files.isRegularFile(llama2c)) {
      return Llama2cTokenizer.read(llama2c, vocabSize);
    }
    throw new NoSuchFileException(
        modelFolder.toString(),
        null,
        "model folder has no tokenizer: looked for tokenizer.json (Hugging Face) and"
            + " tokenizer.bin (llama2.c)");
  }
}

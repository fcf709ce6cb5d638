package xent.score;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;
import xent.model.LoadedModel;
import xent.model.ModelSpec;
import xent.model.checkpoint.Checkpoints;
import xent.tokenize.Tokenizer;
import xent.tokenize.TokenizerFiles;

/**
 * Whether two models tokenize alike, so that their positions and vocabulary entries line up: the
 * same tokenizer.json model (vocab and merges) and added tokens, or byte-identical llama2.c
 * tokenizer.bin files.
 */
public final class TokenizerIdentity {

  private TokenizerIdentity() {}

  /**
   * @throws IllegalArgumentException naming both models and the first difference found
   */
  static void check(LoadedModel a, LoadedModel b) throws IOException {
    String pair = "models " + a.name() + " and " + b.name();
    long widthA = a.lm().head().getShape().get(0);
    long widthB = b.lm().head().getShape().get(0);
    if (widthA != widthB) {
      throw new IllegalArgumentException(
          pair + " cannot be scored as a pair: their heads give " + widthA + " and " + widthB + " logits");
    }
    compare(pair, a.tokenizer(), folder(a.spec()), b.tokenizer(), folder(b.spec()));
  }

  /**
   * The check of {@link #check} from the model folders alone (configs and tokenizers, no
   * weights), for a driver to refuse a pair before any task runs.
   *
   * @throws IllegalArgumentException naming both models and the first difference found
   */
  public static void checkFolders(ModelSpec a, ModelSpec b) throws IOException {
    String pair = "models " + a.name() + " and " + b.name();
    int vocabA = Checkpoints.open(a.path()).config().vocabSize();
    int vocabB = Checkpoints.open(b.path()).config().vocabSize();
    if (vocabA != vocabB) {
      throw new IllegalArgumentException(
          pair + " cannot be scored as a pair: their heads give " + vocabA + " and " + vocabB + " logits");
    }
    try (Tokenizer ta = TokenizerFiles.open(folder(a), vocabA); Tokenizer tb = TokenizerFiles.open(folder(b), vocabB)) {
      compare(pair, ta, folder(a), tb, folder(b));
    }
  }

  private static void compare(String pair, Tokenizer a, Path folderA, Tokenizer b, Path folderB)
      throws IOException {
    if (a.vocabSize() != b.vocabSize()) {
      throw new IllegalArgumentException(pair + " cannot be scored as a pair: their tokenizers have "
          + a.vocabSize() + " and " + b.vocabSize() + " ids");
    }
    if (a.prefixId() != b.prefixId()) {
      throw new IllegalArgumentException(pair + " cannot be scored as a pair: their prefix tokens are ids "
          + a.prefixId() + " and " + b.prefixId());
    }
    String difference = difference(folderA, folderB);
    if (difference != null) {
      throw new IllegalArgumentException(pair + " cannot be scored as a pair: their tokenizers differ ("
          + difference + ")");
    }
  }

  private static Path folder(ModelSpec m) {
    Path p = m.path();
    return Files.isDirectory(p) ? p : p.getParent();
  }

  /**
   * The first difference between two folders' tokenizers (tokenizer.json or tokenizer.bin), or
   * null when they agree.
   */
  public static String difference(Path a, Path b) throws IOException {
    Path jsonA = a.resolve("tokenizer.json");
    Path jsonB = b.resolve("tokenizer.json");
    if (Files.isRegularFile(jsonA) && Files.isRegularFile(jsonB)) {
      JsonObject rootA = read(jsonA);
      JsonObject rootB = read(jsonB);
      JsonObject modelA = rootA.getAsJsonObject("model");
      JsonObject modelB = rootB.getAsJsonObject("model");
      for (String key : new String[] {"type", "vocab", "merges"}) {
        if (!Objects.equals(modelA.get(key), modelB.get(key))) {
          return "model." + key + " of " + jsonA + " and " + jsonB;
        }
      }
      if (!Objects.equals(rootA.get("added_tokens"), rootB.get("added_tokens"))) {
        return "added_tokens of " + jsonA + " and " + jsonB;
      }
      return null;
    }
    Path binA = a.resolve("tokenizer.bin");
    Path binB = b.resolve("tokenizer.bin");
    if (Files.isRegularFile(binA) && Files.isRegularFile(binB)) {
      return Arrays.equals(Files.readAllBytes(binA), Files.readAllBytes(binB))
          ? null : "the bytes of " + binA + " and " + binB;
    }
    return "one is a Hugging Face tokenizer.json, the other a llama2.c tokenizer.bin";
  }

  private static JsonObject read(Path json) throws IOException {
    try (Reader r = Files.newBufferedReader(json, StandardCharsets.UTF_8)) {
      JsonElement root = JsonParser.parseReader(r);
      return root.getAsJsonObject();
    }
  }
}

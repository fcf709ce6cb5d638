package xent.tokenize;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The BOS and EOS ids of a Hugging Face folder, each -1 when absent.
 *
 * <p>Each is looked up on its own: {@code config.json}'s {@code bos_token_id} / {@code
 * eos_token_id} (an int, or a list whose first int is taken) if set, else {@code
 * tokenizer_config.json}'s {@code bos_token} / {@code eos_token} (a string, or an object with a
 * {@code content} string) mapped to its id through the tokenizer's vocabulary.
 *
 * @param bosId beginning-of-sequence id, or -1
 * @param eosId end-of-sequence id, or -1
 */
record HfSpecialTokens(int bosId, int eosId) {

  HfSpecialTokens {
    if (bosId < -1 || eosId < -1) {
      throw new IllegalArgumentException(
          "special ids must be -1 or more, got " + bosId + ", " + eosId);
    }
  }

  static HfSpecialTokens read(Path folder, HfVocabulary vocabulary) throws IOException {
    JsonObject config = optionalObject(folder.resolve("config.json"));
    Path tokenizerConfigFile = folder.resolve("tokenizer_config.json");
    JsonObject tokenizerConfig = optionalObject(tokenizerConfigFile);
    return new HfSpecialTokens(
        resolve("bos", config, tokenizerConfig, tokenizerConfigFile, vocabulary),
        resolve("eos", config, tokenizerConfig, tokenizerConfigFile, vocabulary));
  }

  private static int resolve(
      String kind,
      JsonObject config,
      JsonObject tokenizerConfig,
      Path tokenizerConfigFile,
      HfVocabulary vocabulary) {
    JsonElement id = config.get(kind + "_token_id");
    if (id != null && id.isJsonArray() && !id.getAsJsonArray().isEmpty()) {
      id = id.getAsJsonArray().get(0);
    }
    if (id != null && id.isJsonPrimitive() && id.getAsJsonPrimitive().isNumber()) {
      return Math.max(-1, id.getAsInt());
    }
    JsonElement token = tokenizerConfig.get(kind + "_token");
    if (token != null && token.isJsonObject()) {
      token = token.getAsJsonObject().get("content");
    }
    if (token == null || !token.isJsonPrimitive()) {
      return -1;
    }
    String content = token.getAsString();
    int tokenId = vocabulary.idOf(content);
    if (tokenId < 0) {
      throw new IllegalArgumentException(
          tokenizerConfigFile
              + ": "
              + kind
              + "_token '"
              + content
              + "' is not in the vocabulary of tokenizer.json");
    }
    return tokenId;
  }

  private static JsonObject optionalObject(Path file) throws IOException {
    return Files.isRegularFile(file) ? JsonFiles.readObject(file) : new JsonObject();
  }
}

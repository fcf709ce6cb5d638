package xent.tokenize;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The BOS and EOS tokens of a Hugging Face folder as transformers' tokenizer (and so lm-eval's
 * {@code prefix_token_id}) sees them, each with the file and key it came from.
 *
 * <p>The tokenizer configuration decides: {@code tokenizer_config.json}'s {@code bos_token} /
 * {@code eos_token} (a string, or an object with a {@code content} string) mapped to its id
 * through the vocabulary, overridden by {@code special_tokens_map.json} only for a legacy
 * tokenizer_config.json without {@code added_tokens_decoder}, as transformers loads them.
 * {@code config.json}'s {@code bos_token_id} / {@code eos_token_id} (an int, or a list whose first
 * int is taken) count only when those files name neither token: they are the model's ids, which
 * the tokenizer never reads, and a folder whose two disagree would otherwise score off lm-eval.
 *
 * @param bos beginning-of-sequence token, or null
 * @param eos end-of-sequence token, or null
 */
record HfSpecialTokens(SpecialToken bos, SpecialToken eos) {

  static final String TOKENIZER_CONFIG = "tokenizer_config.json";
  static final String SPECIAL_TOKENS_MAP = "special_tokens_map.json";

  static HfSpecialTokens read(Path folder, HfVocabulary vocabulary) throws IOException {
    JsonObject tokenizerConfig = optionalObject(folder.resolve(TOKENIZER_CONFIG));
    JsonObject specialTokensMap = optionalObject(folder.resolve(SPECIAL_TOKENS_MAP));
    boolean legacy = !tokenizerConfig.has("added_tokens_decoder");
    HfSpecialTokens named =
        new HfSpecialTokens(
            named("bos", folder, tokenizerConfig, specialTokensMap, legacy, vocabulary),
            named("eos", folder, tokenizerConfig, specialTokensMap, legacy, vocabulary));
    if (named.bos != null || named.eos != null) {
      return named;
    }
    JsonObject config = optionalObject(folder.resolve("config.json"));
    return new HfSpecialTokens(configId("bos", config), configId("eos", config));
  }

  int bosId() {
    return bos == null ? -1 : bos.id();
  }

  int eosId() {
    return eos == null ? -1 : eos.id();
  }

  private static SpecialToken named(
      String kind,
      Path folder,
      JsonObject tokenizerConfig,
      JsonObject specialTokensMap,
      boolean legacy,
      HfVocabulary vocabulary) {
    String key = kind + "_token";
    String fromMap = legacy ? content(specialTokensMap.get(key)) : null;
    String file = fromMap != null ? SPECIAL_TOKENS_MAP : TOKENIZER_CONFIG;
    String token = fromMap != null ? fromMap : content(tokenizerConfig.get(key));
    if (token == null) {
      return null;
    }
    int id = vocabulary.idOf(token);
    if (id < 0) {
      throw new IllegalArgumentException(
          folder.resolve(file) + ": " + key + " '" + token + "' is not in the vocabulary of"
              + " tokenizer.json");
    }
    return new SpecialToken(id, file + " " + key);
  }

  /** A token as transformers writes it: a string, or an AddedToken object with its content. */
  private static String content(JsonElement token) {
    if (token != null && token.isJsonObject()) {
      token = token.getAsJsonObject().get("content");
    }
    return token != null && token.isJsonPrimitive() ? token.getAsString() : null;
  }

  private static SpecialToken configId(String kind, JsonObject config) {
    String key = kind + "_token_id";
    JsonElement id = config.get(key);
    if (id != null && id.isJsonArray() && !id.getAsJsonArray().isEmpty()) {
      id = id.getAsJsonArray().get(0);
    }
    if (id == null || !id.isJsonPrimitive() || !id.getAsJsonPrimitive().isNumber()
        || id.getAsInt() < 0) {
      return null;
    }
    return new SpecialToken(id.getAsInt(), "config.json " + key);
  }

  private static JsonObject optionalObject(Path file) throws IOException {
    return Files.isRegularFile(file) ? JsonFiles.readObject(file) : new JsonObject();
  }
}

package xent.tokenize;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The token-to-id map of a Hugging Face {@code tokenizer.json}: the model's vocabulary (a map for
 * BPE, WordPiece and WordLevel, a list of [piece, score] for Unigram) plus the added tokens.
 */
final class HfVocabulary {

  private final Map<String, Integer> ids;
  private final int size;

  private HfVocabulary(Map<String, Integer> ids) {
    this.ids = ids;
    this.size = ids.values().stream().mapToInt(Integer::intValue).max().orElse(-1) + 1;
  }

  static HfVocabulary read(Path tokenizerJson) throws IOException {
    JsonObject root = JsonFiles.readObject(tokenizerJson);
    Map<String, Integer> ids = new HashMap<>();
    JsonElement model = root.get("model");
    JsonElement vocab =
        model != null && model.isJsonObject() ? model.getAsJsonObject().get("vocab") : null;
    if (vocab == null) {
      throw new IOException(tokenizerJson + " has no model.vocab");
    }
    try {
      if (vocab.isJsonObject()) {
        vocab
            .getAsJsonObject()
            .entrySet()
            .forEach(e -> ids.put(e.getKey(), e.getValue().getAsInt()));
      } else {
        JsonArray pieces = vocab.getAsJsonArray();
        for (int id = 0; id < pieces.size(); id++) {
          ids.putIfAbsent(pieces.get(id).getAsJsonArray().get(0).getAsString(), id);
        }
      }
      JsonElement added = root.get("added_tokens");
      if (added != null && added.isJsonArray()) {
        for (JsonElement token : added.getAsJsonArray()) {
          JsonObject t = token.getAsJsonObject();
          ids.put(t.get("content").getAsString(), t.get("id").getAsInt());
        }
      }
    } catch (RuntimeException e) {
      throw new IOException(tokenizerJson + ": malformed vocabulary or added_tokens: " + e, e);
    }
    return new HfVocabulary(ids);
  }

  /** One more than the largest id. */
  int size() {
    return size;
  }

  /** The id of {@code token}, or -1 when it is not in the vocabulary. */
  int idOf(String token) {
    return ids.getOrDefault(token, -1);
  }
}

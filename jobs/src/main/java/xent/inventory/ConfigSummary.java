package xent.inventory;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import xent.model.checkpoint.MalformedCheckpointException;

/**
 * The shape of a model as its config.json states it, read leniently under the names the
 * transformers families use (hidden_size / n_embd / d_model, ...), for any model_type: the
 * inventory describes checkpoints xent may not score. A field no key states is null, never guessed.
 *
 * @param modelType config.json's model_type
 * @param vocab vocab_size
 * @param context learned or rotary positions (max_position_embeddings, n_positions, ...)
 * @param layers transformer blocks
 * @param dModel width of the residual stream
 * @param heads attention (query) heads
 * @param kvHeads key/value heads: stated, or the heads of an architecture without grouped queries
 * @param tiedHead whether config.json says tie_word_embeddings: true. The defaults differ by family
 *     (true for GPT-2, false for Llama), so an absent key is not taken for either: the safetensors
 *     file then tells, a stored head being separate and a missing one the embedding
 */
public record ConfigSummary(String modelType, Integer vocab, Integer context, Integer layers,
    Integer dModel, Integer heads, Integer kvHeads, boolean tiedHead) {

  /** Architectures whose attention has as many key/value heads as query heads, always. */
  private static final Set<String> MULTI_HEAD_ONLY = Set.of("gpt2", "gpt_neox", "gptj", "opt", "bloom");

  public static ConfigSummary read(Path file) throws IOException {
    JsonObject json;
    try {
      json = JsonParser.parseString(Files.readString(file)).getAsJsonObject();
    } catch (RuntimeException e) {
      throw new MalformedCheckpointException(file + " is not a JSON object: " + e.getMessage(), e);
    }
    String type = json.has("model_type") && json.get("model_type").isJsonPrimitive()
        ? json.get("model_type").getAsString() : null;
    Integer heads = first(file, json, "num_attention_heads", "n_head", "num_heads");
    Integer kvHeads = first(file, json, "num_key_value_heads");
    if ("falcon".equals(type)) {
      // FalconConfig: num_kv_heads only under the new decoder architecture, else multi_query's 1
      kvHeads = bool(json, "new_decoder_architecture") ? first(file, json, "num_kv_heads")
          : bool(json, "multi_query") ? Integer.valueOf(1) : heads;
    } else if (kvHeads == null && MULTI_HEAD_ONLY.contains(type)) {
      kvHeads = heads;
    }
    boolean tied = bool(json, "tie_word_embeddings");
    return new ConfigSummary(type, first(file, json, "vocab_size"),
        first(file, json, "max_position_embeddings", "n_positions", "n_ctx", "seq_length"),
        first(file, json, "num_hidden_layers", "n_layer", "num_layers"),
        first(file, json, "hidden_size", "n_embd", "d_model"), heads, kvHeads, tied);
  }

  /** The integer under the first of {@code keys} present and not null. */
  private static Integer first(Path file, JsonObject json, String... keys) throws MalformedCheckpointException {
    for (String key : List.of(keys)) {
      JsonElement value = json.get(key);
      if (value != null && !value.isJsonNull()) {
        try {
          return value.getAsJsonPrimitive().getAsBigDecimal().intValueExact();
        } catch (RuntimeException e) {
          throw new MalformedCheckpointException(file + ": " + key + " must be an integer, found " + value);
        }
      }
    }
    return null;
  }

  private static boolean bool(JsonObject json, String key) {
    JsonElement value = json.get(key);
    return value != null && value.isJsonPrimitive() && value.getAsJsonPrimitive().isBoolean() && value.getAsBoolean();
  }
}

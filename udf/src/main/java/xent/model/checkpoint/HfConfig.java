package xent.model.checkpoint;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import xent.model.ModelConfig;
import xent.model.RopeScaling;

/**
 * Reads a Hugging Face {@code config.json} into a {@link ModelConfig}.
 *
 * <p>Supported {@code model_type}s: "gpt2" and the Llama family "llama", "mistral", "qwen2".
 * Architecture keys (sizes, layer and head counts) are required; optional keys take the defaults
 * of the transformers config classes: {@code num_key_value_heads} = heads, {@code head_dim} =
 * hidden / heads, {@code rope_theta} 10000, {@code tie_word_embeddings} false for the Llama family
 * (GPT-2 is always tied), {@code n_inner} = 4 * n_embd. Token ids may be an int, a list (the first
 * is taken) or null (-1).
 */
final class HfConfig {

  static final List<String> MODEL_TYPES = List.of("gpt2", "llama", "mistral", "qwen2");

  private final Path file;
  private final JsonObject json;

  private HfConfig(Path file, JsonObject json) {
    this.file = file;
    this.json = json;
  }

  /** Parses {@code configFile}; errors name the file and the key. */
  static ModelConfig read(Path configFile) throws IOException {
    JsonElement parsed;
    try {
      parsed = JsonParser.parseString(Files.readString(configFile, StandardCharsets.UTF_8));
    } catch (JsonParseException e) {
      throw new MalformedCheckpointException(
          configFile + " is not valid JSON: " + e.getMessage(), e);
    }
    if (!parsed.isJsonObject()) {
      throw new MalformedCheckpointException(configFile + " is not a JSON object");
    }
    HfConfig config = new HfConfig(configFile, parsed.getAsJsonObject());
    try {
      return config.toModelConfig();
    } catch (IllegalArgumentException e) {
      throw new MalformedCheckpointException(configFile + ": " + e.getMessage(), e);
    }
  }

  private ModelConfig toModelConfig() throws MalformedCheckpointException {
    String type = string("model_type", null);
    if (type == null || !MODEL_TYPES.contains(type)) {
      throw new MalformedCheckpointException(file + ": model_type " + (type == null ? "is missing"
          : "'" + type + "' is not supported") + "; xent reads " + MODEL_TYPES);
    }
    return type.equals("gpt2") ? gpt2() : llama(type);
  }

  private ModelConfig gpt2() throws MalformedCheckpointException {
    String activation = string("activation_function", "gelu_new");
    if (!Set.of("gelu_new", "gelu_pytorch_tanh").contains(activation)) {
      throw new MalformedCheckpointException(file + ": activation_function '" + activation
          + "' is not supported; xent's GPT-2 uses the tanh GELU (gelu_new, gelu_pytorch_tanh)");
    }
    int dim = required("n_embd");
    int heads = required("n_head");
    if (dim % heads != 0) {
      throw new MalformedCheckpointException(
          file + ": n_embd (" + dim + ") must be a multiple of n_head (" + heads + ")");
    }
    int positions = isPresent("n_positions") ? required("n_positions") : required("n_ctx");
    return new ModelConfig(ModelConfig.Family.GPT2, required("vocab_size"), dim,
        required("n_layer"), heads, heads, dim / heads, optional("n_inner", 4 * dim), positions,
        number("layer_norm_epsilon", 1e-5), 0.0, null, true, true, 0,
        tokenId("bos_token_id"), tokenId("eos_token_id"));
  }

  private ModelConfig llama(String type) throws MalformedCheckpointException {
    String activation = string("hidden_act", "silu");
    if (!activation.equals("silu")) {
      throw new MalformedCheckpointException(file + ": hidden_act '" + activation
          + "' is not supported; xent's Llama family uses SwiGLU (silu)");
    }
    int dim = required("hidden_size");
    int heads = required("num_attention_heads");
    if (!isPresent("head_dim") && dim % heads != 0) {
      throw new MalformedCheckpointException(file + ": hidden_size (" + dim
          + ") must be a multiple of num_attention_heads (" + heads + ") when head_dim is absent");
    }
    int maxPositions = optional("max_position_embeddings",
        switch (type) {
          case "mistral" -> 4096 * 32;
          case "qwen2" -> 32768;
          default -> 2048;
        });
    boolean attentionBias = switch (type) {
      case "qwen2" -> true;
      case "llama" -> bool("attention_bias", false);
      default -> false;
    };
    int slidingWindow = switch (type) {
      case "mistral" -> optional("sliding_window", 4096);
      case "qwen2" -> bool("use_sliding_window", false) ? optional("sliding_window", 4096) : 0;
      default -> 0;
    };
    return new ModelConfig(ModelConfig.Family.LLAMA, required("vocab_size"), dim,
        required("num_hidden_layers"), heads, optional("num_key_value_heads", heads),
        optional("head_dim", dim / heads), required("intermediate_size"), maxPositions,
        number("rms_norm_eps", 1e-6), number("rope_theta", 10000.0), ropeScaling(maxPositions),
        bool("tie_word_embeddings", false), attentionBias, slidingWindow,
        tokenId("bos_token_id"), tokenId("eos_token_id"));
  }

  /** {@code rope_scaling}: null, or {type|rope_type, factor, ...}; type "default" means none. */
  private RopeScaling ropeScaling(int maxPositions) throws MalformedCheckpointException {
    if (!isPresent("rope_scaling")) {
      return null;
    }
    JsonElement element = json.get("rope_scaling");
    if (!element.isJsonObject()) {
      throw new MalformedCheckpointException(file + ": rope_scaling must be an object or null");
    }
    HfConfig scaling = new HfConfig(file, element.getAsJsonObject());
    String type = scaling.string("rope_type", scaling.string("type", null));
    if (type == null) {
      throw new MalformedCheckpointException(file + ": rope_scaling has neither rope_type nor type");
    }
    if (type.equals("default")) {
      return null;
    }
    boolean llama3 = type.equals("llama3");
    return new RopeScaling(type, scaling.number("factor", 1.0),
        llama3 ? scaling.requiredNumber("low_freq_factor") : 0.0,
        llama3 ? scaling.requiredNumber("high_freq_factor") : 0.0,
        scaling.optional("original_max_position_embeddings", maxPositions));
  }

  private boolean isPresent(String key) {
    return json.has(key) && !json.get(key).isJsonNull();
  }

  private int required(String key) throws MalformedCheckpointException {
    if (!isPresent(key)) {
      throw new MalformedCheckpointException(file + ": required key " + key + " is missing");
    }
    return integer(key);
  }

  private int optional(String key, int fallback) throws MalformedCheckpointException {
    return isPresent(key) ? integer(key) : fallback;
  }

  private int integer(String key) throws MalformedCheckpointException {
    try {
      return new BigDecimal(json.get(key).getAsString()).intValueExact();
    } catch (RuntimeException e) {
      throw new MalformedCheckpointException(
          file + ": " + key + " must be an integer, found " + json.get(key));
    }
  }

  private double requiredNumber(String key) throws MalformedCheckpointException {
    if (!isPresent(key)) {
      throw new MalformedCheckpointException(file + ": required key " + key + " is missing");
    }
    return number(key, 0.0);
  }

  private double number(String key, double fallback) throws MalformedCheckpointException {
    JsonPrimitive value = primitive(key, JsonPrimitive::isNumber, "a number");
    return value == null ? fallback : value.getAsDouble();
  }

  private boolean bool(String key, boolean fallback) throws MalformedCheckpointException {
    JsonPrimitive value = primitive(key, JsonPrimitive::isBoolean, "true or false");
    return value == null ? fallback : value.getAsBoolean();
  }

  private String string(String key, String fallback) throws MalformedCheckpointException {
    JsonPrimitive value = primitive(key, JsonPrimitive::isString, "a string");
    return value == null ? fallback : value.getAsString();
  }

  /** The value of {@code key} if it is of the {@code expected} kind; null when absent or null. */
  private JsonPrimitive primitive(String key, Predicate<JsonPrimitive> kind, String expected)
      throws MalformedCheckpointException {
    if (!isPresent(key)) {
      return null;
    }
    JsonElement value = json.get(key);
    if (!value.isJsonPrimitive() || !kind.test(value.getAsJsonPrimitive())) {
      throw new MalformedCheckpointException(
          file + ": " + key + " must be " + expected + ", found " + value);
    }
    return value.getAsJsonPrimitive();
  }

  /** A token id: an int, a list whose first element is taken, or null/absent for -1. */
  private int tokenId(String key) throws MalformedCheckpointException {
    if (!isPresent(key)) {
      return -1;
    }
    JsonElement value = json.get(key);
    if (value.isJsonArray()) {
      if (value.getAsJsonArray().isEmpty() || value.getAsJsonArray().get(0).isJsonNull()) {
        return -1;
      }
      JsonObject first = new JsonObject();
      first.add(key, value.getAsJsonArray().get(0));
      return new HfConfig(file, first).integer(key);
    }
    return integer(key);
  }
}

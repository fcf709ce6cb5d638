package xent.model.checkpoint;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import xent.model.ModelConfig;
import xent.model.RopeScaling;

/**
 * Writes a Hugging Face checkpoint folder (config.json and safetensors) that
 * {@link HfCheckpointReader} reads back to the same config and, up to the dtype's rounding, the
 * same tensors. Tensors use the names of {@link Checkpoint}.
 */
public final class HfCheckpointWriter {

  private HfCheckpointWriter() {}

  /**
   * Writes {@code folder}/config.json and the weights in {@code dtype}: one model.safetensors, or
   * {@code shards} files with an index when shards is above 1.
   */
  public static void write(Path folder, ModelConfig config, Map<String, Tensor> tensors,
      DType dtype, int shards) throws IOException {
    Files.createDirectories(folder);
    SafetensorsWriter writer = new SafetensorsWriter();
    for (Tensor t : tensors.values()) {
      if (t.dtype() == dtype) {
        writer.add(t);
      } else {
        writer.add(t.name(), dtype, t.shape(), t.toFloatArray());
      }
    }
    if (shards > 1) {
      writer.writeSharded(folder, shards);
    } else {
      writer.write(folder.resolve("model.safetensors"));
    }
    String json = new GsonBuilder().setPrettyPrinting().create().toJson(configJson(config));
    Files.writeString(folder.resolve("config.json"), json, StandardCharsets.UTF_8);
  }

  /** The config.json keys of the family's transformers config class. */
  static JsonObject configJson(ModelConfig c) {
    JsonObject json = new JsonObject();
    if (c.family() != ModelConfig.Family.GPT2 && c.family() != ModelConfig.Family.LLAMA) {
      throw new IllegalArgumentException(
          "writing " + c.family().name().toLowerCase() + " configs is not implemented");
    }
    if (c.family() == ModelConfig.Family.GPT2) {
      json.addProperty("model_type", "gpt2");
      json.addProperty("activation_function", "gelu_new");
      json.addProperty("vocab_size", c.vocabSize());
      json.addProperty("n_embd", c.dim());
      json.addProperty("n_layer", c.nLayers());
      json.addProperty("n_head", c.nHeads());
      json.addProperty("n_inner", c.hiddenDim());
      json.addProperty("n_positions", c.maxPositions());
      json.addProperty("layer_norm_epsilon", c.normEps());
      json.addProperty("tie_word_embeddings", c.tiedEmbeddings());
      json.addProperty("scale_attn_weights", c.attention().scaleByHeadDim());
      json.addProperty("scale_attn_by_inverse_layer_idx", c.attention().scaleByInverseLayer());
    } else {
      // Llama's attention_bias biases q, k, v and o; Qwen2 biases q, k, v and may slide per
      // layer; Mistral slides every layer.
      // Qwen3 adds q/k norms.
      boolean perLayer = c.attention().slidingLayers().contains(false) && c.slidingWindow() > 0;
      boolean qkvOnly = c.attentionBias() && !c.attention().outputBias();
      boolean qkNorm = c.attention().qkNorm();
      String type = qkNorm ? "qwen3" : qkvOnly || perLayer ? "qwen2"
          : c.slidingWindow() > 0 ? "mistral" : "llama";
      boolean writable = switch (type) {
        case "qwen3" -> !qkvOnly;
        case "qwen2" -> qkvOnly;
        case "mistral" -> !c.attentionBias();
        default -> true;
      };
      if (!writable) {
        throw new IllegalArgumentException("no transformers family has this attention: q/k/v"
            + " biases " + c.attentionBias() + ", o bias " + c.attention().outputBias()
            + ", sliding layers " + c.attention().slidingLayers());
      }
      json.addProperty("model_type", type);
      json.addProperty("hidden_act", "silu");
      json.addProperty("vocab_size", c.vocabSize());
      json.addProperty("hidden_size", c.dim());
      json.addProperty("num_hidden_layers", c.nLayers());
      json.addProperty("num_attention_heads", c.nHeads());
      json.addProperty("num_key_value_heads", c.nKvHeads());
      json.addProperty("head_dim", c.headDim());
      json.addProperty("intermediate_size", c.hiddenDim());
      json.addProperty("max_position_embeddings", c.maxPositions());
      json.addProperty("rms_norm_eps", c.normEps());
      json.addProperty("rope_theta", c.ropeTheta());
      json.addProperty("tie_word_embeddings", c.tiedEmbeddings());
      if (type.equals("llama") || type.equals("qwen3")) {
        json.addProperty("attention_bias", c.attentionBias());
      }
      if (type.equals("llama")) {
        json.addProperty("mlp_bias", c.block().mlpBias());
      }
      if (type.equals("mistral")) {
        json.addProperty("sliding_window", c.slidingWindow());
      } else if (type.startsWith("qwen") && c.slidingWindow() > 0) {
        json.addProperty("sliding_window", c.slidingWindow());
        json.addProperty("use_sliding_window", true);
        JsonArray layerTypes = new JsonArray();
        c.attention().slidingLayers().forEach(
            slides -> layerTypes.add(slides ? "sliding_attention" : "full_attention"));
        json.add("layer_types", layerTypes);
      }
      RopeScaling s = c.ropeScaling();
      if (s != null) {
        JsonObject scaling = new JsonObject();
        scaling.addProperty("rope_type", s.type());
        scaling.addProperty("factor", s.factor());
        if (s.type().equals("llama3")) {
          scaling.addProperty("low_freq_factor", s.lowFreqFactor());
          scaling.addProperty("high_freq_factor", s.highFreqFactor());
        }
        if (Set.of("llama3", "yarn", "longrope").contains(s.type())) {
          scaling.addProperty("original_max_position_embeddings", s.originalMaxPositions());
        }
        if (s.type().equals("yarn")) {
          scaling.addProperty("beta_fast", s.betaFast());
          scaling.addProperty("beta_slow", s.betaSlow());
          scaling.addProperty("truncate", s.truncate());
        }
        if (s.type().equals("longrope")) {
          JsonArray shortFactor = new JsonArray();
          s.shortFactor().forEach(shortFactor::add);
          JsonArray longFactor = new JsonArray();
          s.longFactor().forEach(longFactor::add);
          scaling.add("short_factor", shortFactor);
          scaling.add("long_factor", longFactor);
        }
        if (Set.of("yarn", "longrope").contains(s.type())) {
          scaling.addProperty("attention_factor", s.attentionFactor());
        }
        json.add("rope_scaling", scaling);
      }
    }
    if (c.bosId() >= 0) {
      json.addProperty("bos_token_id", c.bosId());
    }
    if (c.eosId() >= 0) {
      json.addProperty("eos_token_id", c.eosId());
    }
    return json;
  }
}

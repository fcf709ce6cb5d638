package xent.model.checkpoint;

import com.google.gson.JsonArray;
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
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.IntPredicate;
import java.util.function.Predicate;
import xent.model.Activations;
import xent.model.AttentionVariant;
import xent.model.BlockVariant;
import xent.model.ModelConfig;
import xent.model.RopeScaling;

/**
 * Reads a Hugging Face {@code config.json} into a {@link ModelConfig}, in the transformers 4
 * layout (top-level {@code rope_theta}, {@code rope_scaling}) or the transformers 5 layout
 * ({@code rope_parameters: {rope_theta, rope_type, ...}}, {@code layer_types}).
 *
 * <p>Supported {@code model_type}s: those of {@link #MODEL_TYPES}. The keys each reads, with the defaults of the transformers config classes, are listed in {@link
 * ConfigKeys}; any other key that is not known to be inert, and any value that needs machinery
 * xent lacks, is refused naming the file, the key and the value. Token ids may be an int, a list
 * (the first is taken) or null (-1).
 */
final class HfConfig {

  static final List<String> MODEL_TYPES =
      List.of("gpt2", "gpt_neox", "llama", "mistral", "qwen2", "qwen3", "gemma", "gemma2",
          "olmo", "olmo2", "stablelm", "phi", "gptj", "phi3", "opt", "bloom", "falcon");

  /** Rope types xent computes, and the keys each may carry beside rope_type / type / rope_theta. */
  private static final Map<String, Set<String>> ROPE_TYPES = Map.of(
      "default", Set.of(),
      "linear", Set.of("factor", "original_max_position_embeddings"), // the latter unused
      "dynamic", Set.of("factor"),
      "llama3", Set.of("factor", "low_freq_factor", "high_freq_factor",
          "original_max_position_embeddings"),
      "yarn", Set.of("factor", "original_max_position_embeddings", "attention_factor",
          "beta_fast", "beta_slow", "mscale", "mscale_all_dim", "truncate"),
      "longrope", Set.of("short_factor", "long_factor", "factor",
          "original_max_position_embeddings", "attention_factor"));

  private static final double DEFAULT_ROPE_THETA = 10000.0;

  /** Rope types xent computes, each with the keys it reads beside rope_type, type, rope_theta. */
  static Map<String, Set<String>> ropeTypes() {
    return ROPE_TYPES;
  }

  private static final String ACTIVATIONS = "silu (swish), gelu, gelu_new, gelu_pytorch_tanh, relu";

  private final Path file;
  private final JsonObject json;
  private final String prefix; // "" at top level, "rope_parameters." inside it, for messages

  private HfConfig(Path file, JsonObject json, String prefix) {
    this.file = file;
    this.json = json;
    this.prefix = prefix;
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
    HfConfig config = new HfConfig(configFile, parsed.getAsJsonObject(), "");
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
    refuseUnreadKeys(type, ConfigKeys.of(type));
    return switch (type) {
      case "gpt2" -> gpt2();
      case "gpt_neox" -> gptNeoX();
      case "gemma", "gemma2" -> gemma(type);
      case "olmo", "olmo2" -> olmo(type);
      case "stablelm", "phi" -> partialRotary(type);
      case "gptj" -> gptJ();
      case "phi3" -> phi3();
      case "opt" -> opt();
      case "bloom" -> bloom();
      case "falcon" -> falcon();
      default -> llama(type);
    };
  }

  /** Every key must be one the family reads or one known not to change the arithmetic. */
  private void refuseUnreadKeys(String type, Map<String, String> read)
      throws MalformedCheckpointException {
    for (Map.Entry<String, JsonElement> e : json.entrySet()) {
      if (!read.containsKey(e.getKey()) && !ConfigKeys.INERT.contains(e.getKey())) {
        throw new MalformedCheckpointException(file + ": key " + e.getKey() + " = " + e.getValue()
            + " is not read by xent's " + type + " and may change the arithmetic; refused rather"
            + " than ignored");
      }
    }
  }

  private ModelConfig gpt2() throws MalformedCheckpointException {
    if (Activations.Kind.ofHf(string("activation_function", "gelu_new"))
        != Activations.Kind.GELU_TANH) {
      throw refusal("activation_function", "xent's GPT-2 computes the tanh GELU (gelu_new,"
          + " gelu_pytorch_tanh)");
    }
    if (bool("add_cross_attention", false)) {
      throw refusal("add_cross_attention", "cross-attention belongs to encoder-decoder models");
    }
    bool("reorder_and_upcast_attn", false); // same arithmetic in float32
    int dim = required("n_embd");
    int heads = nHeadDividing(dim);
    int layers = required("n_layer");
    optional("n_ctx", 0); // checked; transformers ignores it beside n_positions
    int positions = isPresent("n_positions") ? required("n_positions") : required("n_ctx");
    AttentionVariant attention = new AttentionVariant(false, Collections.nCopies(layers, false),
        bool("scale_attn_weights", true), bool("scale_attn_by_inverse_layer_idx", false), false,
        1.0);
    return new ModelConfig(ModelConfig.Family.GPT2, required("vocab_size"), dim, layers, heads,
        heads, dim / heads, optional("n_inner", 4 * dim), positions,
        number("layer_norm_epsilon", 1e-5), 0.0, null, bool("tie_word_embeddings", true), true, 0,
        tokenId("bos_token_id"), tokenId("eos_token_id"), attention,
        BlockVariant.standard(ModelConfig.Family.GPT2));
  }

  private ModelConfig gptNeoX() throws MalformedCheckpointException {
    Activations.Kind activation = activation("hidden_act", "gelu");
    int dim = required("hidden_size");
    int heads = dividingHeads(dim);
    int layers = required("num_hidden_layers");
    int maxPositions = optional("max_position_embeddings", 2048);
    // attention_bias covers both query_key_value and dense
    boolean bias = bool("attention_bias", true);
    if (!bool("use_parallel_residual", true)) {
      throw refusal("use_parallel_residual", "xent's GPT-NeoX is verified against transformers"
          + " with the parallel residual of every Pythia and GPT-NeoX-20B checkpoint only");
    }
    Rope rope = rope(maxPositions,
        new RopeKeys(List.of("rotary_emb_base", "rope_theta"), "rotary_pct", 0.25));
    AttentionVariant attention = new AttentionVariant(bias, Collections.nCopies(layers, false),
        true, false, false, rope.partialRotaryFactor());
    return new ModelConfig(ModelConfig.Family.GPT_NEOX, required("vocab_size"), dim, layers, heads,
        heads, dim / heads, required("intermediate_size"), maxPositions,
        number("layer_norm_eps", 1e-5), rope.theta(), rope.scaling(),
        bool("tie_word_embeddings", false), bias, 0, tokenId("bos_token_id"),
        tokenId("eos_token_id"), attention,
        new BlockVariant(true, activation));
  }

  private ModelConfig llama(String type) throws MalformedCheckpointException {
    String activation = string("hidden_act", "silu");
    if (!Set.of("silu", "swish").contains(activation)) {
      throw refusal("hidden_act", "xent's Llama family computes SwiGLU (silu, alias swish)");
    }
    int dim = required("hidden_size");
    int heads = required("num_attention_heads");
    int layers = required("num_hidden_layers");
    boolean qwen = type.equals("qwen2") || type.equals("qwen3");
    if (!isPresent("head_dim") && !type.equals("qwen3") && dim % heads != 0) {
      throw new MalformedCheckpointException(file + ": hidden_size (" + dim
          + ") must be a multiple of num_attention_heads (" + heads + ") when head_dim is absent");
    }
    int maxPositions = optional("max_position_embeddings",
        switch (type) {
          case "mistral" -> 4096 * 32;
          case "qwen2", "qwen3" -> 32768;
          default -> 2048;
        });
    partialRotaryFactorIsOne(this);
    optional("original_max_position_embeddings", 0); // checked here, read by rope()
    // Llama's and Qwen3's attention_bias put biases on q, k, v and o; Qwen2 always biases q, k, v.
    boolean llamaBias = (type.equals("llama") || type.equals("qwen3"))
        && bool("attention_bias", false);
    boolean qkvBias = type.equals("qwen2") || llamaBias;
    // sliding_window: absent is the config class's 4096, null is no window
    int configuredWindow = json.has("sliding_window") ? optional("sliding_window", 0) : 4096;
    int window = switch (type) {
      case "mistral" -> configuredWindow;
      case "qwen2", "qwen3" -> bool("use_sliding_window", false) ? configuredWindow : 0;
      default -> 0;
    };
    List<Boolean> sliding = qwen
        ? qwenSlidingLayers(layers, window)
        : Collections.nCopies(layers, window > 0);
    AttentionVariant attention =
        new AttentionVariant(llamaBias, sliding, true, false, type.equals("qwen3"), 1.0);
    // num_key_value_heads: absent takes the config class's default, null means heads (MHA)
    int kvHeads = !json.has("num_key_value_heads") ? switch (type) {
      case "mistral" -> 8;
      case "qwen2", "qwen3" -> 32;
      default -> heads;
    } : optional("num_key_value_heads", heads);
    Rope rope = rope(maxPositions, RopeKeys.LLAMA);
    return new ModelConfig(ModelConfig.Family.LLAMA, required("vocab_size"), dim, layers, heads,
        kvHeads, optional("head_dim", type.equals("qwen3") ? 128 : dim / heads),
        required("intermediate_size"), maxPositions, number("rms_norm_eps", 1e-6), rope.theta(),
        rope.scaling(), bool("tie_word_embeddings", false), qkvBias, window,
        tokenId("bos_token_id"), tokenId("eos_token_id"), attention,
        new BlockVariant(false, Activations.Kind.SILU, 0, bool("mlp_bias", false)));
  }

  /**
   * Qwen2's and Qwen3's layer_types, or their default: sliding_attention from layer
   * max_window_layers on when a window is in use. A sliding layer without a window
   * (use_sliding_window false) is refused.
   */
  private List<Boolean> qwenSlidingLayers(int layers, int window)
      throws MalformedCheckpointException {
    int firstSliding = optional("max_window_layers", 28);
    return slidingLayers(layers, window, i -> window > 0 && i >= firstSliding,
        "use_sliding_window is not true, so the config sets no window");
  }

  /**
   * Per layer, whether it slides: layer_types when present, else {@code slidesByDefault}. A
   * sliding layer without a window ({@code window} 0, for the reason {@code noWindow}) is refused.
   */
  private List<Boolean> slidingLayers(int layers, int window, IntPredicate slidesByDefault,
      String noWindow) throws MalformedCheckpointException {
    if (!isPresent("layer_types")) {
      List<Boolean> out = new ArrayList<>();
      for (int i = 0; i < layers; i++) {
        out.add(slidesByDefault.test(i));
      }
      if (window == 0 && out.contains(true)) {
        throw new MalformedCheckpointException(file + ": layer " + out.indexOf(true)
            + " slides by default but " + noWindow + "; refused rather than guessed");
      }
      return out;
    }
    JsonElement value = json.get("layer_types");
    if (!value.isJsonArray() || value.getAsJsonArray().size() != layers) {
      throw new MalformedCheckpointException(file + ": layer_types must list " + layers
          + " layer types (num_hidden_layers), found " + value);
    }
    List<Boolean> out = new ArrayList<>();
    JsonArray types = value.getAsJsonArray();
    for (int i = 0; i < layers; i++) {
      String layerType = types.get(i).isJsonPrimitive() ? types.get(i).getAsString() : "";
      boolean slides = layerType.equals("sliding_attention");
      if (!slides && !layerType.equals("full_attention")) {
        throw new MalformedCheckpointException(file + ": layer_types[" + i + "] = " + types.get(i)
            + " is not implemented; xent reads full_attention and sliding_attention");
      }
      if (slides && window == 0) {
        throw new MalformedCheckpointException(file + ": layer_types[" + i + "] ="
            + " \"sliding_attention\" but " + noWindow + "; refused rather than guessed");
      }
      out.add(slides);
    }
    return out;
  }

  /**
   * Gemma and Gemma 2: Llama's attention (attention_bias on q, k, v and o) with Gemma's norms,
   * scaled embeddings and GeGLU; Gemma 2's query_pre_attn_scalar, soft-caps and sliding layers.
   */
  private ModelConfig gemma(String type) throws MalformedCheckpointException {
    boolean gemma2 = type.equals("gemma2");
    Activations.Kind activation = gemmaActivation(gemma2);
    if (bool("use_bidirectional_attention", false)) {
      throw refusal("use_bidirectional_attention", "xent scores causal language models");
    }
    int heads = required("num_attention_heads");
    int layers = required("num_hidden_layers");
    int maxPositions = optional("max_position_embeddings", 8192);
    partialRotaryFactorIsOne(this);
    optional("original_max_position_embeddings", 0); // checked here, read by rope()
    boolean bias = bool("attention_bias", false);
    int kvHeads = json.has("num_key_value_heads")
        ? optional("num_key_value_heads", heads) : gemma2 ? 4 : 16;
    AttentionVariant attention;
    int window = 0;
    double logitSoftCap = 0;
    if (gemma2) {
      // sliding_window: absent is the config class's 4096, null is no window
      window = json.has("sliding_window") ? optional("sliding_window", 0) : 4096;
      List<Boolean> sliding = slidingLayers(layers, window, i -> i % 2 == 0,
          "sliding_window is null");
      double queryScalar = json.has("query_pre_attn_scalar")
          ? requiredNumber("query_pre_attn_scalar") : 256;
      if (!(queryScalar > 0)) {
        throw refusal("query_pre_attn_scalar", "scores are scaled by its inverse square root");
      }
      attention = new AttentionVariant(bias, sliding, true, false, false, 1.0, queryScalar,
          false, 0, softCap("attn_logit_softcapping", 50.0), false);
      logitSoftCap = softCap("final_logit_softcapping", 30.0);
    } else {
      attention = new AttentionVariant(bias, Collections.nCopies(layers, false), true, false,
          false, 1.0);
    }
    Rope rope = rope(maxPositions, RopeKeys.LLAMA);
    return new ModelConfig(gemma2 ? ModelConfig.Family.GEMMA2 : ModelConfig.Family.GEMMA,
        required("vocab_size"), required("hidden_size"), layers, heads, kvHeads,
        optional("head_dim", 256), required("intermediate_size"), maxPositions,
        number("rms_norm_eps", 1e-6), rope.theta(), rope.scaling(),
        bool("tie_word_embeddings", true), bias, window, tokenId("bos_token_id"),
        tokenId("eos_token_id"), attention, new BlockVariant(false, activation, logitSoftCap));
  }

  /**
   * Gemma's MLP activation. Gemma 2 reads hidden_activation. Gemma: transformers 5 reads
   * hidden_act, transformers 4 read hidden_activation (null: gelu_pytorch_tanh), so the two must
   * agree when both are set.
   */
  private Activations.Kind gemmaActivation(boolean gemma2) throws MalformedCheckpointException {
    String key = gemma2 || !isPresent("hidden_act") ? "hidden_activation" : "hidden_act";
    String name = string(key, "gelu_pytorch_tanh");
    if (!gemma2 && isPresent("hidden_act") && isPresent("hidden_activation")
        && !string("hidden_activation", name).equals(name)) {
      throw refusal("hidden_activation", "it differs from hidden_act = \"" + name + "\", and"
          + " transformers 4 reads hidden_activation while transformers 5 reads hidden_act");
    }
    return activation(key, "gelu_pytorch_tanh");
  }

  /**
   * OLMo and OLMo 2: Llama's attention (attention_bias on q, k, v and o) and gated MLP with
   * OLMo's parameter-free LayerNorms and clip_qkv, or OLMo 2's post-norms and q/k norms.
   */
  private ModelConfig olmo(String type) throws MalformedCheckpointException {
    boolean olmo2 = type.equals("olmo2");
    Activations.Kind activation = activation("hidden_act", "silu");
    int dim = required("hidden_size");
    int heads = dividingHeads(dim);
    int layers = required("num_hidden_layers");
    int maxPositions = optional("max_position_embeddings", 2048);
    partialRotaryFactorIsOne(this);
    optional("original_max_position_embeddings", 0); // checked here, read by rope()
    boolean bias = bool("attention_bias", false);
    double eps = number("rms_norm_eps", 1e-5); // OLMo's LayerNorm does not read it
    double clip = olmo2 ? 0 : number("clip_qkv", 0);
    if (isPresent("clip_qkv") && !(clip > 0)) {
      throw refusal("clip_qkv", "q, k and v are clamped to [-clip_qkv, clip_qkv]; null for none");
    }
    AttentionVariant attention = new AttentionVariant(bias, Collections.nCopies(layers, false),
        true, false, olmo2, 1.0, 0, olmo2, clip, 0, false);
    Rope rope = rope(maxPositions, RopeKeys.LLAMA);
    return new ModelConfig(olmo2 ? ModelConfig.Family.OLMO2 : ModelConfig.Family.OLMO,
        required("vocab_size"), dim, layers, heads, optional("num_key_value_heads", heads),
        dim / heads, required("intermediate_size"), maxPositions, eps, rope.theta(),
        rope.scaling(), bool("tie_word_embeddings", false), bias, 0, tokenId("bos_token_id"),
        tokenId("eos_token_id"), attention, new BlockVariant(false, activation));
  }

  /**
   * StableLM and Phi: LayerNorms with biases and partial rotary; StableLM's use_qkv_bias and
   * use_parallel_residual and qk_layernorm (per-head LayerNorms of q and k), Phi's biases
   * everywhere and parallel block (Phi's qk_layernorm is refused).
   */
  private ModelConfig partialRotary(String type) throws MalformedCheckpointException {
    boolean phi = type.equals("phi");
    Activations.Kind activation = activation("hidden_act", phi ? "gelu_new" : "silu");
    int dim = required("hidden_size");
    int heads = dividingHeads(dim);
    int layers = required("num_hidden_layers");
    boolean qkLayerNorm = bool("qk_layernorm", false);
    if (phi && qkLayerNorm) {
      throw refusal("qk_layernorm", "xent has no reference of phi's q/k LayerNorms, which differ"
          + " from StableLM's, to verify them against");
    }
    if (!phi) {
      number("rms_norm_eps", 1e-5); // checked; StableLM does not read it
    }
    optional("original_max_position_embeddings", 0); // checked here, read by rope()
    int maxPositions = optional("max_position_embeddings", phi ? 2048 : 4096);
    boolean qkvBias = phi || bool("use_qkv_bias", false);
    Rope rope = rope(maxPositions,
        new RopeKeys(List.of("rope_theta"), "partial_rotary_factor", phi ? 0.5 : 0.25));
    AttentionVariant attention = new AttentionVariant(phi, Collections.nCopies(layers, false),
        true, false, qkLayerNorm, rope.partialRotaryFactor(), 0, false, 0, 0, false, qkLayerNorm);
    int kvHeads = json.has("num_key_value_heads") || phi
        ? optional("num_key_value_heads", heads) : 32;
    return new ModelConfig(phi ? ModelConfig.Family.PHI : ModelConfig.Family.STABLELM,
        required("vocab_size"), dim, layers, heads, kvHeads, dim / heads,
        required("intermediate_size"), maxPositions, number("layer_norm_eps", 1e-5),
        rope.theta(), rope.scaling(), bool("tie_word_embeddings", false), qkvBias, 0,
        tokenId("bos_token_id"), tokenId("eos_token_id"), attention,
        new BlockVariant(phi || bool("use_parallel_residual", false), activation));
  }

  /** GPT-J: interleaved rotary over rotary_dim components of each head, base 10000. */
  private ModelConfig gptJ() throws MalformedCheckpointException {
    Activations.Kind activation = activation("activation_function", "gelu_new");
    int dim = required("n_embd");
    int heads = nHeadDividing(dim);
    int layers = required("n_layer");
    int headDim = dim / heads;
    // rotary_dim: absent is GPTJConfig's 64, null rotates the whole head
    int rotaryDim = json.has("rotary_dim") ? optional("rotary_dim", headDim) : 64;
    double fraction = (double) rotaryDim / headDim;
    if (rotaryDim <= 0 || rotaryDim > headDim || rotaryDim % 2 != 0
        || (int) (headDim * fraction) != rotaryDim) {
      throw refusal("rotary_dim", "RoPE rotates an even number of components, at most the head"
          + " size " + headDim);
    }
    AttentionVariant attention = new AttentionVariant(false, Collections.nCopies(layers, false),
        true, false, false, fraction, 0, false, 0, 0, true);
    return new ModelConfig(ModelConfig.Family.GPTJ, required("vocab_size"), dim, layers, heads,
        heads, headDim, optional("n_inner", 4 * dim), optional("n_positions", 2048),
        number("layer_norm_epsilon", 1e-5), DEFAULT_ROPE_THETA, null,
        bool("tie_word_embeddings", false), false, 0, tokenId("bos_token_id"),
        tokenId("eos_token_id"), attention, new BlockVariant(true, activation));
  }

  /**
   * Phi-3: Llama's arithmetic with fused projections, partial rotary and an optional sliding
   * window on every layer. Phi3Config reads rope types default and longrope only, and renames
   * "su" and "yarn" to longrope, so those two are refused here rather than read as yarn.
   * The checkpoints of Phi-3 and Phi-3.5 with long contexts use longrope.
   */
  private ModelConfig phi3() throws MalformedCheckpointException {
    Activations.Kind activation = activation("hidden_act", "silu");
    int dim = required("hidden_size");
    int heads = dividingHeads(dim);
    int layers = required("num_hidden_layers");
    int maxPositions = optional("max_position_embeddings", 4096);
    optional("original_max_position_embeddings", 4096); // checked here, read by longrope only
    HfConfig ropeObject = object(isPresent("rope_parameters") ? "rope_parameters" : "rope_scaling");
    if (ropeObject != null) {
      String typeKey = ropeObject.isPresent("rope_type") ? "rope_type" : "type";
      String ropeType = ropeObject.string(typeKey, "default");
      if (!Set.of("default", "longrope").contains(ropeType)) {
        throw ropeObject.refusal(typeKey, Set.of("su", "yarn").contains(ropeType)
            ? "Phi3Config reads it as longrope; write rope_type longrope to have it read so"
            : "Phi3Config accepts default and longrope only");
      }
      String original = "original_max_position_embeddings";
      if (ropeType.equals("longrope") && !isPresent(original) && !ropeObject.isPresent(original)) {
        throw new MalformedCheckpointException(file + ": longrope without " + original
            + " (Phi3Config would take 4096; xent reads it only from the file)");
      }
    }
    Rope rope = rope(maxPositions,
        new RopeKeys(List.of("rope_theta"), "partial_rotary_factor", 1.0));
    // sliding_window: absent and null are Phi3Config's None, no window
    int window = optional("sliding_window", 0);
    if (isPresent("sliding_window") && window <= 0) {
      throw refusal("sliding_window", "a window is a positive number of tokens, or null for none");
    }
    AttentionVariant attention = new AttentionVariant(false, Collections.nCopies(layers, window > 0),
        true, false, false, rope.partialRotaryFactor());
    return new ModelConfig(ModelConfig.Family.PHI3, required("vocab_size"), dim, layers, heads,
        optional("num_key_value_heads", heads), dim / heads, required("intermediate_size"),
        maxPositions, number("rms_norm_eps", 1e-5), rope.theta(), rope.scaling(),
        bool("tie_word_embeddings", false), false, window, tokenId("bos_token_id"),
        tokenId("eos_token_id"), attention, new BlockVariant(false, activation));
  }

  /**
   * OPT: learned positions, pre- or post-LN blocks (do_layer_norm_before), embeddings projected in
   * and out when word_embed_proj_dim differs from hidden_size, enable_bias on every projection,
   * layer_norm_elementwise_affine, and a final norm only for pre-LN without
   * _remove_final_layer_norm. Its LayerNorms use nn.LayerNorm's eps, 1e-5; OPT has no eps key.
   */
  private ModelConfig opt() throws MalformedCheckpointException {
    Activations.Kind activation = activation("activation_function", "relu");
    int dim = required("hidden_size");
    int heads = dividingHeads(dim);
    int layers = required("num_hidden_layers");
    boolean preNorm = bool("do_layer_norm_before", true);
    boolean finalNorm = preNorm && !bool("_remove_final_layer_norm", false);
    int width = optional("word_embed_proj_dim", dim);
    if (width <= 0) {
      throw refusal("word_embed_proj_dim", "the embedding width must be positive");
    }
    boolean bias = bool("enable_bias", true);
    AttentionVariant attention = new AttentionVariant(bias, Collections.nCopies(layers, false),
        true, false, false, 1.0);
    BlockVariant block = new BlockVariant(false, activation, 0,
        preNorm ? BlockVariant.Residual.PRE_NORM : BlockVariant.Residual.POST_NORM, false, bias,
        bool("layer_norm_elementwise_affine", true), finalNorm, width == dim ? 0 : width);
    return new ModelConfig(ModelConfig.Family.OPT, required("vocab_size"), dim, layers, heads,
        heads, dim / heads, required("ffn_dim"), optional("max_position_embeddings", 2048), 1e-5,
        0.0, null, bool("tie_word_embeddings", true), bias, 0, tokenId("bos_token_id"),
        tokenId("eos_token_id"), attention, block);
  }

  /**
   * BLOOM: ALiBi, an MLP of 4 * hidden_size, biases everywhere and the tanh GELU, none of them
   * configurable; apply_residual_connection_post_layernorm moves the residual after the norms.
   * The Megatron keys of published configs (offset_alibi, n_inner, the fusion flags) are not read
   * by transformers' BloomModel either.
   */
  private ModelConfig bloom() throws MalformedCheckpointException {
    int dim = hiddenSizeOrNEmbed();
    int heads = nHeadDividing(dim);
    int layers = required("n_layer");
    bool("slow_but_exact", false); // the same sums in another order
    // checked, then ignored as transformers ignores them
    optional("n_inner", 0);
    number("offset_alibi", 0);
    tokenId("unk_token_id");
    for (String flag : List.of("attention_softmax_in_fp32", "masked_softmax_fusion",
        "bias_dropout_fusion", "skip_bias_add", "skip_bias_add_qkv")) {
      bool(flag, false);
    }
    AttentionVariant attention = new AttentionVariant(true, Collections.nCopies(layers, false),
        true, false, false, 1.0);
    BlockVariant block = new BlockVariant(false, Activations.Kind.GELU_TANH, 0,
        bool("apply_residual_connection_post_layernorm", false)
            ? BlockVariant.Residual.FROM_NORM : BlockVariant.Residual.PRE_NORM,
        false, true, true, true, 0);
    // BloomConfig has no max_position_embeddings and ALiBi no limit; xent's windows stop at the
    // length BLOOM was trained on, as for every family
    return new ModelConfig(ModelConfig.Family.BLOOM, required("vocab_size"), dim, layers, heads,
        heads, dim / heads, 4 * dim, optional("seq_length", 2048), number("layer_norm_epsilon", 1e-5), 0.0,
        null, bool("tie_word_embeddings", true), true, 0, tokenId("bos_token_id"),
        tokenId("eos_token_id"), attention, block);
  }

  /**
   * Falcon: rotary attention from query_key_value in its three layouts (multi_query: one kv head;
   * new_decoder_architecture: num_kv_heads; else one per head), parallel blocks on one LayerNorm
   * or, with new_decoder_architecture, on ln_attn and ln_mlp (num_ln_in_parallel_attn, null: 2),
   * or sequential blocks (parallel_attn false), bias on every projection. alibi is refused:
   * transformers 5's eager and sdpa attention disagree on it (eager adds the bias twice), so there
   * is no one transformers answer to equal.
   */
  private ModelConfig falcon() throws MalformedCheckpointException {
    Activations.Kind activation = activation("activation", "gelu");
    int dim = hiddenSizeOrNEmbed();
    int heads = dividingHeads(dim);
    int layers = required("num_hidden_layers");
    if (bool("alibi", false)) {
      throw refusal("alibi", "not verified against transformers: its eager and sdpa attention"
          + " disagree on Falcon's ALiBi (0.4 nats on one layer)");
    }
    bool("apply_residual_connection_post_layernorm", false); // checked; Falcon's code ignores it
    boolean newArchitecture = bool("new_decoder_architecture", false);
    boolean multiQuery = bool("multi_query", true);
    boolean parallelAttention = bool("parallel_attn", true);
    int kvHeads = optional("num_kv_heads", heads);
    if (newArchitecture && (kvHeads <= 0 || heads % kvHeads != 0)) {
      throw refusal("num_kv_heads", "new_decoder_architecture groups num_attention_heads = "
          + heads + " into num_kv_heads groups");
    }
    if (!newArchitecture && !multiQuery && kvHeads != heads) {
      throw refusal("num_kv_heads", "without multi_query or new_decoder_architecture transformers"
          + " splits query_key_value into one key and value per head");
    }
    if (newArchitecture && !parallelAttention) {
      throw refusal("parallel_attn", "transformers' new_decoder_architecture block needs the"
          + " parallel attention");
    }
    int norms = optional("num_ln_in_parallel_attn", newArchitecture ? 2 : 1);
    if (norms != 1 && norms != 2 || norms == 2 && !newArchitecture) {
      throw refusal("num_ln_in_parallel_attn", "transformers reads 1 or null, or 2 with"
          + " new_decoder_architecture");
    }
    int maxPositions = optional("max_position_embeddings", 2048);
    optional("original_max_position_embeddings", 0); // checked here, used by llama3 rope only
    Rope rope = rope(maxPositions, RopeKeys.LLAMA);
    boolean bias = bool("bias", false);
    AttentionVariant attention = new AttentionVariant(bias, Collections.nCopies(layers, false),
        true, false, false, 1.0);
    BlockVariant block = new BlockVariant(newArchitecture || parallelAttention, activation, 0,
        BlockVariant.Residual.PRE_NORM, newArchitecture && norms == 2, bias, true, true, 0);
    return new ModelConfig(ModelConfig.Family.FALCON, required("vocab_size"), dim, layers, heads,
        newArchitecture ? kvHeads : multiQuery ? 1 : heads, dim / heads,
        optional("ffn_hidden_size", 4 * dim), maxPositions, number("layer_norm_epsilon", 1e-5),
        rope.theta(), rope.scaling(), bool("tie_word_embeddings", true), bias, 0,
        tokenId("bos_token_id"), tokenId("eos_token_id"), attention, block);
  }

  /**
   * hidden_size, or n_embed, which BloomConfig and FalconConfig still read in its place (n_embed
   * wins there); both set and different is refused.
   */
  private int hiddenSizeOrNEmbed() throws MalformedCheckpointException {
    if (!isPresent("n_embed")) {
      return required("hidden_size");
    }
    int nEmbed = required("n_embed");
    if (isPresent("hidden_size") && required("hidden_size") != nEmbed) {
      throw refusal("n_embed", "it differs from hidden_size = " + json.get("hidden_size")
          + "; transformers reads n_embed");
    }
    return nEmbed;
  }

  /** The activation named by {@code key}, refused when xent does not compute it. */
  private Activations.Kind activation(String key, String fallback)
      throws MalformedCheckpointException {
    Activations.Kind kind = Activations.Kind.ofHf(string(key, fallback));
    if (kind == null) {
      throw refusal(key, "xent computes " + ACTIVATIONS);
    }
    return kind;
  }

  /** n_head (GPT-2's and GPT-J's name), which must divide n_embd {@code dim}. */
  private int nHeadDividing(int dim) throws MalformedCheckpointException {
    int heads = required("n_head");
    if (dim % heads != 0) {
      throw new MalformedCheckpointException(
          file + ": n_embd (" + dim + ") must be a multiple of n_head (" + heads + ")");
    }
    return heads;
  }

  /** num_attention_heads, which must divide hidden_size {@code dim} (no head_dim key). */
  private int dividingHeads(int dim) throws MalformedCheckpointException {
    int heads = required("num_attention_heads");
    if (dim % heads != 0) {
      throw new MalformedCheckpointException(file + ": hidden_size (" + dim
          + ") must be a multiple of num_attention_heads (" + heads + ")");
    }
    return heads;
  }

  /** A soft-cap: {@code fallback} when absent, 0 (none) when null, else positive. */
  private double softCap(String key, double fallback) throws MalformedCheckpointException {
    if (!json.has(key)) {
      return fallback;
    }
    double cap = number(key, 0); // null: 0
    if (isPresent(key) && !(cap > 0)) {
      throw refusal(key, "a soft-cap must be positive, or null for none");
    }
    return cap;
  }

  /**
   * RoPE's base frequency, its scaling (null for rope_type default) and the fraction of each head
   * it rotates.
   */
  private record Rope(double theta, RopeScaling scaling, double partialRotaryFactor) {}

  /** The transformers 4 keys of a family's rope settings, and its rotated fraction's default. */
  private record RopeKeys(List<String> theta, String partial, double defaultPartial) {
    static final RopeKeys LLAMA = new RopeKeys(List.of("rope_theta"), null, 1.0);
  }

  /**
   * The rope settings from either layout. Refuses a rope type or key xent does not compute, both
   * layouts at once, and a partial rotary factor in a family that rotates whole heads.
   */
  private Rope rope(int maxPositions, RopeKeys keys) throws MalformedCheckpointException {
    boolean v5 = isPresent("rope_parameters");
    List<String> v4 = new ArrayList<>(keys.theta());
    v4.add("rope_scaling");
    if (keys.partial() != null) {
      v4.add(keys.partial());
    }
    List<String> v4Present = v4.stream().filter(this::isPresent)
        .filter(k -> !(v5 && k.equals(keys.partial()) && sameInRopeParameters(k))).toList();
    if (v5 && !v4Present.isEmpty()) {
      throw new MalformedCheckpointException(file + ": rope_parameters (transformers 5) and "
          + v4Present.get(0) + " (transformers 4) are both set; refused rather than choosing one");
    }
    List<String> thetaPresent = keys.theta().stream().filter(this::isPresent).toList();
    if (thetaPresent.size() > 1) {
      throw new MalformedCheckpointException(file + ": " + thetaPresent + " are both set;"
          + " refused rather than choosing one");
    }
    String key = v5 ? "rope_parameters" : "rope_scaling";
    HfConfig rope = object(key);
    double theta = v5 ? rope.number("rope_theta", DEFAULT_ROPE_THETA)
        : number(thetaPresent.isEmpty() ? keys.theta().get(0) : thetaPresent.get(0),
            DEFAULT_ROPE_THETA);
    double partial = keys.defaultPartial();
    if (keys.partial() == null) {
      if (rope != null) {
        partialRotaryFactorIsOne(rope);
      }
    } else {
      partial = v5 ? rope.number("partial_rotary_factor", partial)
          : number(keys.partial(), partial);
      if (!(partial > 0 && partial <= 1)) {
        throw refusal(v5 ? "rope_parameters" : keys.partial(), "the rotated fraction must be in (0, 1]");
      }
    }
    if (rope == null) {
      return new Rope(theta, null, partial);
    }
    String type = rope.string("rope_type", rope.string("type", "default"));
    if (rope.isPresent("rope_type") && rope.isPresent("type")
        && !rope.string("type", type).equals(type)) {
      throw new MalformedCheckpointException(file + ": " + key + ".type = " + rope.json.get("type")
          + " differs from " + key + ".rope_type = \"" + type + "\"; refused rather than choosing");
    }
    Set<String> allowed = ROPE_TYPES.get(type);
    if (allowed == null) {
      throw new MalformedCheckpointException(file + ": " + key + ".rope_type = \"" + type
          + "\" is not implemented; xent computes " + new TreeSet<>(ROPE_TYPES.keySet()));
    }
    for (Map.Entry<String, JsonElement> e : rope.json.entrySet()) {
      if (!allowed.contains(e.getKey()) && !Set.of("rope_type", "type", "rope_theta",
          "partial_rotary_factor").contains(e.getKey())) {
        throw new MalformedCheckpointException(file + ": " + key + "." + e.getKey() + " = "
            + e.getValue() + " is not read for rope_type " + type + "; refused rather than ignored");
      }
    }
    return new Rope(theta, switch (type) {
      case "default" -> null;
      case "llama3" -> new RopeScaling(type, rope.requiredNumber("factor"),
          rope.requiredNumber("low_freq_factor"), rope.requiredNumber("high_freq_factor"),
          originalMaxPositions(rope, 0));
      case "yarn" -> yarn(rope, maxPositions);
      case "longrope" -> longRope(rope, maxPositions);
      default -> new RopeScaling(type, rope.requiredNumber("factor"), 0, 0, maxPositions);
    }, partial);
  }

  /**
   * The pre-training context of llama3, yarn and longrope: a top-level
   * original_max_position_embeddings wins over the rope dict's (as transformers gives it
   * priority), which wins over {@code fallback} (0: the rope dict's is required).
   */
  private int originalMaxPositions(HfConfig rope, int fallback)
      throws MalformedCheckpointException {
    String key = "original_max_position_embeddings";
    if (isPresent(key)) {
      return integer(key);
    }
    return fallback > 0 ? rope.optional(key, fallback) : rope.required(key);
  }

  /**
   * YaRN as transformers reads it: factor (null: max_position_embeddings / original), beta_fast
   * and beta_slow (null or 0: 32 and 1), truncate (true), attention_factor (null: from mscale and
   * mscale_all_dim, see {@link RopeScaling#yarnAttentionFactor}).
   */
  private RopeScaling yarn(HfConfig rope, int maxPositions) throws MalformedCheckpointException {
    if (!rope.json.has("factor")) {
      throw new MalformedCheckpointException(
          file + ": required key " + rope.prefix + "factor is missing (rope_type yarn)");
    }
    int original = originalMaxPositions(rope, maxPositions);
    double factor = rope.number("factor", (double) maxPositions / original);
    double betaFast = rope.number("beta_fast", 0);
    double betaSlow = rope.number("beta_slow", 0);
    double attention = rope.isPresent("attention_factor")
        ? rope.positive("attention_factor")
        : RopeScaling.yarnAttentionFactor(factor, rope.number("mscale", 0),
            rope.number("mscale_all_dim", 0));
    return RopeScaling.yarn(factor, original, betaFast == 0 ? 32 : betaFast,
        betaSlow == 0 ? 1 : betaSlow, rope.bool("truncate", true), attention);
  }

  /**
   * LongRoPE as transformers reads it: short_factor and long_factor (required), factor (null:
   * max_position_embeddings / original), attention_factor (null: from factor, see {@link
   * RopeScaling#longRopeAttentionFactor}).
   */
  private RopeScaling longRope(HfConfig rope, int maxPositions)
      throws MalformedCheckpointException {
    int original = originalMaxPositions(rope, maxPositions);
    double factor = rope.number("factor", (double) maxPositions / original);
    double attention = rope.isPresent("attention_factor")
        ? rope.positive("attention_factor")
        : RopeScaling.longRopeAttentionFactor(factor, original);
    return RopeScaling.longRope(rope.numbers("short_factor"), rope.numbers("long_factor"),
        Math.max(1.0, factor), original, attention);
  }

  /** A required list of positive numbers. */
  private List<Double> numbers(String key) throws MalformedCheckpointException {
    if (!isPresent(key)) {
      throw new MalformedCheckpointException(file + ": required key " + prefix + key + " is missing");
    }
    JsonElement value = json.get(key);
    List<Double> out = new ArrayList<>();
    if (value.isJsonArray()) {
      for (JsonElement e : value.getAsJsonArray()) {
        if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isNumber() || !(e.getAsDouble() > 0)) {
          out = null;
          break;
        }
        out.add(e.getAsDouble());
      }
    }
    if (!value.isJsonArray() || out == null || out.isEmpty()) {
      throw new MalformedCheckpointException(file + ": " + prefix + key
          + " must be a list of positive numbers, found " + value);
    }
    return out;
  }

  /** A number that must be positive. */
  private double positive(String key) throws MalformedCheckpointException {
    double value = number(key, 0);
    if (!(value > 0)) {
      throw new MalformedCheckpointException(
          file + ": " + prefix + key + " must be positive, found " + json.get(key));
    }
    return value;
  }

  /**
   * Whether top-level {@code key} says what rope_parameters says: transformers 5 writes StableLM's
   * partial_rotary_factor in both places.
   */
  private boolean sameInRopeParameters(String key) {
    JsonElement rope = json.get("rope_parameters");
    return rope.isJsonObject() && json.get(key).equals(rope.getAsJsonObject().get(key));
  }

  /** partial_rotary_factor, at top level or inside rope_parameters, may only say 1 (full). */
  private static void partialRotaryFactorIsOne(HfConfig where) throws MalformedCheckpointException {
    if (where.number("partial_rotary_factor", 1.0) != 1.0) {
      throw where.refusal("partial_rotary_factor", "xent's Llama family rotates whole heads");
    }
  }

  /** The error for a key whose value xent does not implement. */
  private MalformedCheckpointException refusal(String key, String why) {
    return new MalformedCheckpointException(file + ": " + prefix + key + " = " + json.get(key)
        + " is not implemented (" + why + ")");
  }

  /** The object under {@code key}, or null when absent or null. */
  private HfConfig object(String key) throws MalformedCheckpointException {
    if (!isPresent(key)) {
      return null;
    }
    JsonElement element = json.get(key);
    if (!element.isJsonObject()) {
      throw new MalformedCheckpointException(file + ": " + prefix + key
          + " must be an object or null, found " + element);
    }
    return new HfConfig(file, element.getAsJsonObject(), prefix + key + ".");
  }

  private boolean isPresent(String key) {
    return json.has(key) && !json.get(key).isJsonNull();
  }

  private int required(String key) throws MalformedCheckpointException {
    if (!isPresent(key)) {
      throw new MalformedCheckpointException(file + ": required key " + prefix + key + " is missing");
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
          file + ": " + prefix + key + " must be an integer, found " + json.get(key));
    }
  }

  private double requiredNumber(String key) throws MalformedCheckpointException {
    if (!isPresent(key)) {
      throw new MalformedCheckpointException(file + ": required key " + prefix + key + " is missing");
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
          file + ": " + prefix + key + " must be " + expected + ", found " + value);
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
      return new HfConfig(file, first, prefix).integer(key);
    }
    return integer(key);
  }
}

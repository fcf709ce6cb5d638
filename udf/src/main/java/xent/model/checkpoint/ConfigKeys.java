package xent.model.checkpoint;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The config.json keys xent reads, per family, each with the default of transformers' config class
 * ("required" where xent needs the key). A key outside its family's list and outside {@link
 * #INERT} is refused: it may change the arithmetic, and xent would otherwise ignore it silently.
 */
final class ConfigKeys {

  /**
   * Keys of transformers' configs that cannot change a float32 forward pass: bookkeeping, token
   * ids, dropout and initialisation (training only), generation settings, tokenizer hints.
   */
  static final Set<String> INERT = Set.of(
      "model_type", "architectures", "_name_or_path", "transformers_version", "torch_dtype",
      "dtype", "bos_token_id", "eos_token_id", "pad_token_id", "sep_token_id",
      "decoder_start_token_id", "use_cache", "initializer_range", "attention_dropout",
      "hidden_dropout", "classifier_dropout", "resid_pdrop", "embd_pdrop", "attn_pdrop",
      "dropout", "layerdrop", "init_std", "summary_type",
      "summary_use_proj", "summary_activation", "summary_proj_to_labels", "summary_first_dropout",
      "tokenizer_class", "task_specific_params", "id2label", "label2id", "problem_type",
      "finetuning_task", "output_attentions", "output_hidden_states", "return_dict",
      "torchscript", "use_bfloat16", "is_decoder", "is_encoder_decoder", "tie_encoder_decoder",
      "pruned_heads", "chunk_size_feed_forward", "prefix", "max_length", "min_length",
      "do_sample", "early_stopping", "num_beams", "num_beam_groups", "diversity_penalty",
      "temperature", "top_k", "top_p", "typical_p", "repetition_penalty", "length_penalty",
      "no_repeat_ngram_size", "encoder_no_repeat_ngram_size", "bad_words_ids",
      "num_return_sequences", "output_scores", "return_dict_in_generate",
      "forced_bos_token_id", "forced_eos_token_id", "remove_invalid_values",
      "exponential_decay_length_penalty", "suppress_tokens", "begin_suppress_tokens",
      "cross_attention_hidden_size", "tf_legacy_loss", "pretraining_tp");

  /** The rope keys of the transformers 4 layout that the Llama and Gemma families read. */
  private static final Map<String, String> ROPE_V4 = keys(
      "rope_theta", "10000 (transformers 4 layout)",
      "rope_scaling", "null (transformers 4 layout)",
      "original_max_position_embeddings", "rope_scaling's (llama3, yarn, longrope: this one wins)");

  /** The sizes the Llama and Gemma families state in the names transformers' configs use. */
  private static final Map<String, String> DIMENSIONS = keys(
      "vocab_size", "required",
      "hidden_size", "required",
      "intermediate_size", "required",
      "num_hidden_layers", "required",
      "num_attention_heads", "required");

  /** GPT2Config. */
  static final Map<String, String> GPT2 = keys(
      "vocab_size", "required",
      "n_embd", "required",
      "n_layer", "required",
      "n_head", "required",
      "n_positions", "required (n_ctx in old configs)",
      "n_ctx", "n_positions",
      "n_inner", "4 * n_embd",
      "activation_function", "gelu_new",
      "layer_norm_epsilon", "1e-5",
      "scale_attn_weights", "true",
      "scale_attn_by_inverse_layer_idx", "false",
      "reorder_and_upcast_attn", "false (float32 either way)",
      "tie_word_embeddings", "true",
      "add_cross_attention", "false");

  /** LlamaConfig, with the rope keys of both layouts. */
  static final Map<String, String> LLAMA = llamaFamily(
      "max_position_embeddings", "2048",
      "attention_bias", "false",
      "mlp_bias", "false",
      "partial_rotary_factor", "1.0");

  /** MistralConfig. */
  static final Map<String, String> MISTRAL = llamaFamily(
      "max_position_embeddings", "131072",
      "num_key_value_heads", "8 (null: num_attention_heads)",
      "sliding_window", "4096 (null: none)");

  /** Qwen2Config. */
  static final Map<String, String> QWEN2 = llamaFamily(
      "max_position_embeddings", "32768",
      "num_key_value_heads", "32 (null: num_attention_heads)",
      "use_sliding_window", "false",
      "sliding_window", "4096, used only with use_sliding_window",
      "max_window_layers", "28",
      "layer_types", "sliding_attention from max_window_layers on when sliding, else full");

  /** Qwen3Config: Qwen2 with q/k norms, attention_bias on q, k, v and o, head_dim 128. */
  static final Map<String, String> QWEN3 = llamaFamily(
      "max_position_embeddings", "32768",
      "num_key_value_heads", "32 (null: num_attention_heads)",
      "head_dim", "128",
      "attention_bias", "false",
      "use_sliding_window", "false",
      "sliding_window", "4096, used only with use_sliding_window",
      "max_window_layers", "28",
      "layer_types", "sliding_attention from max_window_layers on when sliding, else full");

  /** GPTNeoXConfig, with the rope keys of both layouts. */
  static final Map<String, String> GPT_NEOX = keys(
      "vocab_size", "required",
      "hidden_size", "required",
      "intermediate_size", "required",
      "num_hidden_layers", "required",
      "num_attention_heads", "required",
      "hidden_act", "gelu",
      "max_position_embeddings", "2048",
      "layer_norm_eps", "1e-5",
      "use_parallel_residual", "true",
      "attention_bias", "true",
      "tie_word_embeddings", "false",
      "rotary_pct", "0.25 (transformers 4 layout)",
      "rotary_emb_base", "10000 (transformers 4 layout)",
      "rope_theta", "10000 (transformers 4 layout, later versions)",
      "rope_scaling", "null (transformers 4 layout)",
      "rope_parameters", "{rope_type: default, rope_theta: 10000, partial_rotary_factor: 0.25}"
          + " (transformers 5 layout)");

  /** GemmaConfig: transformers 5 reads hidden_act, transformers 4 hidden_activation. */
  static final Map<String, String> GEMMA = gemmaFamily(
      "hidden_act", "gelu_pytorch_tanh",
      "hidden_activation", "null (hidden_act); must agree with hidden_act when both are set");

  /** Gemma2Config. */
  static final Map<String, String> GEMMA2 = gemmaFamily(
      "num_key_value_heads", "4 (null: num_attention_heads)",
      "hidden_activation", "gelu_pytorch_tanh",
      "query_pre_attn_scalar", "256",
      "sliding_window", "4096",
      "layer_types", "sliding_attention on even layers, full_attention on odd ones",
      "attn_logit_softcapping", "50.0 (null: none)",
      "final_logit_softcapping", "30.0 (null: none)");

  /** OlmoConfig. */
  static final Map<String, String> OLMO = olmoFamily(
      "clip_qkv", "null (none)",
      "rms_norm_eps", "1e-5, unused: OlmoLayerNorm's eps is the constant 1e-5");

  /** Olmo2Config. */
  static final Map<String, String> OLMO2 = olmoFamily(
      "rms_norm_eps", "1e-5");

  /** StableLmConfig, with the rope keys of both layouts. */
  static final Map<String, String> STABLELM = partialRotary("32", "4096", "0.25",
      "layer_norm_eps", "1e-5",
      "rms_norm_eps", "unused: StableLM's norms are LayerNorms (layer_norm_eps)",
      "use_qkv_bias", "false",
      "use_parallel_residual", "false");

  /** PhiConfig, with the rope keys of both layouts. */
  static final Map<String, String> PHI = partialRotary("num_attention_heads", "2048", "0.5",
      "hidden_act", "gelu_new",
      "layer_norm_eps", "1e-5");

  /** GPTJConfig: RoPE with base 10000, no rope keys. */
  static final Map<String, String> GPTJ = keys(
      "vocab_size", "required",
      "n_embd", "required",
      "n_layer", "required",
      "n_head", "required",
      "n_positions", "2048",
      "n_inner", "null (4 * n_embd)",
      "rotary_dim", "64 (null: the whole head)",
      "activation_function", "gelu_new",
      "layer_norm_epsilon", "1e-5",
      "tie_word_embeddings", "false");

  /** Phi3Config, with the rope keys of both layouts. */
  static final Map<String, String> PHI3 = phi3();

  /** OPTConfig. */
  static final Map<String, String> OPT = keys(
      "vocab_size", "required",
      "hidden_size", "required",
      "num_hidden_layers", "required",
      "num_attention_heads", "required",
      "ffn_dim", "required",
      "max_position_embeddings", "2048",
      "do_layer_norm_before", "true (false: post-LN, OPT-350m)",
      "_remove_final_layer_norm", "false",
      "word_embed_proj_dim", "null (hidden_size); otherwise project_in and project_out",
      "activation_function", "relu",
      "enable_bias", "true",
      "layer_norm_elementwise_affine", "true",
      "tie_word_embeddings", "true");

  /** BloomConfig; the Megatron keys of published BLOOM configs, which BloomModel ignores too. */
  static final Map<String, String> BLOOM = keys(
      "vocab_size", "required",
      "hidden_size", "required (or n_embed)",
      "n_embed", "hidden_size (read in its place by BloomConfig)",
      "n_layer", "required",
      "n_head", "required",
      "layer_norm_epsilon", "1e-5",
      "apply_residual_connection_post_layernorm", "false",
      "slow_but_exact", "false (the same sums in another order)",
      "tie_word_embeddings", "true",
      "n_inner", "ignored by BloomModel (its MLP is 4 * hidden_size)",
      "offset_alibi", "ignored by BloomModel",
      "attention_softmax_in_fp32", "ignored by BloomModel (xent computes in float32)",
      "masked_softmax_fusion", "ignored by BloomModel",
      "bias_dropout_fusion", "ignored by BloomModel",
      "skip_bias_add", "ignored by BloomModel",
      "skip_bias_add_qkv", "ignored by BloomModel",
      "seq_length", "2048, BLOOM's training length (ignored by BloomModel): xent's longest window",
      "unk_token_id", "a token id");

  /** FalconConfig, with the rope keys of both layouts. */
  static final Map<String, String> FALCON = falcon();

  private ConfigKeys() {}

  /** The keys of {@code modelType}'s reader. */
  static Map<String, String> of(String modelType) {
    return switch (modelType) {
      case "gpt2" -> GPT2;
      case "llama" -> LLAMA;
      case "mistral" -> MISTRAL;
      case "qwen2" -> QWEN2;
      case "qwen3" -> QWEN3;
      case "gpt_neox" -> GPT_NEOX;
      case "gemma" -> GEMMA;
      case "gemma2" -> GEMMA2;
      case "olmo" -> OLMO;
      case "olmo2" -> OLMO2;
      case "stablelm" -> STABLELM;
      case "phi" -> PHI;
      case "gptj" -> GPTJ;
      case "phi3" -> PHI3;
      case "opt" -> OPT;
      case "bloom" -> BLOOM;
      case "falcon" -> FALCON;
      default -> throw new IllegalArgumentException("no config keys for " + modelType);
    };
  }

  private static Map<String, String> llamaFamily(String... own) {
    Map<String, String> out = new LinkedHashMap<>(DIMENSIONS);
    out.putAll(keys(
        "num_key_value_heads", "num_attention_heads",
        "head_dim", "hidden_size / num_attention_heads",
        "hidden_act", "silu (swish is its alias)",
        "rms_norm_eps", "1e-6",
        "tie_word_embeddings", "false",
        "rope_parameters", "{rope_type: default, rope_theta: 10000} (transformers 5 layout)"));
    out.putAll(ROPE_V4);
    out.putAll(keys(own));
    return Collections.unmodifiableMap(out);
  }

  private static Map<String, String> gemmaFamily(String... own) {
    Map<String, String> out = new LinkedHashMap<>(DIMENSIONS);
    out.putAll(keys(
        "num_key_value_heads", "16 (null: num_attention_heads)",
        "head_dim", "256",
        "max_position_embeddings", "8192",
        "rms_norm_eps", "1e-6",
        "attention_bias", "false (true: biases on q, k, v and o)",
        "tie_word_embeddings", "true",
        "use_bidirectional_attention", "null (true is refused: not causal)",
        "rope_parameters", "{rope_type: default, rope_theta: 10000} (transformers 5 layout)"));
    out.putAll(ROPE_V4);
    out.putAll(keys(own));
    return Collections.unmodifiableMap(out);
  }

  private static Map<String, String> olmoFamily(String... own) {
    Map<String, String> out = new LinkedHashMap<>(DIMENSIONS);
    out.putAll(keys(
        "num_key_value_heads", "num_attention_heads",
        "hidden_act", "silu",
        "max_position_embeddings", "2048",
        "attention_bias", "false (true: biases on q, k, v and o)",
        "tie_word_embeddings", "false",
        "rope_parameters", "{rope_type: default, rope_theta: 10000} (transformers 5 layout)"));
    out.putAll(ROPE_V4);
    out.putAll(keys(own));
    return Collections.unmodifiableMap(out);
  }

  /** StableLM's and Phi's keys: LayerNorms, partial rotary, qk_layernorm. */
  private static Map<String, String> partialRotary(String kvHeads, String maxPositions,
      String partial, String... own) {
    Map<String, String> out = new LinkedHashMap<>(DIMENSIONS);
    out.putAll(keys(
        "num_key_value_heads", kvHeads + " (null: num_attention_heads)",
        "hidden_act", "silu",
        "max_position_embeddings", maxPositions,
        "qk_layernorm", "false (phi: true is refused)",
        "tie_word_embeddings", "false",
        "partial_rotary_factor", partial + " (transformers 5 repeats rope_parameters' here)",
        "rope_parameters", "{rope_type: default, rope_theta: 10000, partial_rotary_factor: "
            + partial + "} (transformers 5 layout)"));
    out.putAll(ROPE_V4);
    out.putAll(keys(own));
    return Collections.unmodifiableMap(out);
  }

  private static Map<String, String> phi3() {
    Map<String, String> out = new LinkedHashMap<>(DIMENSIONS);
    out.putAll(ROPE_V4);
    out.putAll(keys(
        "num_key_value_heads", "null (num_attention_heads)",
        "hidden_act", "silu",
        "max_position_embeddings", "4096",
        "original_max_position_embeddings", "4096 (longrope only)",
        "rms_norm_eps", "1e-5",
        "tie_word_embeddings", "false",
        "sliding_window", "null (none); on every layer when set",
        "partial_rotary_factor", "1.0 (transformers 4 layout)",
        "rope_parameters", "{rope_type: default, rope_theta: 10000, partial_rotary_factor: 1.0}"
            + " (transformers 5 layout); rope types default and longrope (su, yarn: longrope)"));
    return Collections.unmodifiableMap(out);
  }

  private static Map<String, String> falcon() {
    Map<String, String> out = new LinkedHashMap<>(keys(
        "vocab_size", "required",
        "hidden_size", "required (or n_embed)",
        "n_embed", "hidden_size (read in its place by FalconConfig)",
        "num_hidden_layers", "required",
        "num_attention_heads", "required",
        "num_kv_heads", "null (num_attention_heads); read with new_decoder_architecture",
        "multi_query", "true (one key and value head)",
        "new_decoder_architecture", "false",
        "parallel_attn", "true",
        "num_ln_in_parallel_attn", "null (2 with new_decoder_architecture, else 1)",
        "bias", "false",
        "alibi", "false (true is refused)",
        "activation", "gelu",
        "ffn_hidden_size", "null (4 * hidden_size)",
        "layer_norm_epsilon", "1e-5",
        "max_position_embeddings", "2048",
        "tie_word_embeddings", "true",
        "apply_residual_connection_post_layernorm", "ignored by transformers' Falcon",
        "rope_parameters", "{rope_type: default, rope_theta: 10000} (transformers 5 layout)"));
    out.putAll(ROPE_V4);
    return Collections.unmodifiableMap(out);
  }

  private static Map<String, String> keys(String... pairs) {
    Map<String, String> out = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      out.put(pairs[i], pairs[i + 1]);
    }
    return Collections.unmodifiableMap(out);
  }
}

package xent.model.checkpoint;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import xent.model.ModelConfig;

/**
 * The tensors a configuration implies, with Hugging Face names and shapes (outermost first), and
 * the check that a checkpoint holds exactly those, with the right shapes and finite values.
 *
 * <p>Llama family ({@code nn.Linear} weights are [out, in]): {@code model.embed_tokens.weight},
 * per layer {@code model.layers.{i}.} {@code input_layernorm.weight}, {@code self_attn.q_proj},
 * {@code k_proj}, {@code v_proj} (with {@code .bias} when {@code attentionBias}), {@code o_proj},
 * {@code post_attention_layernorm.weight}, {@code mlp.gate_proj}, {@code up_proj}, {@code
 * down_proj}; then {@code model.norm.weight} and {@code lm_head.weight} unless tied.
 *
 * <p>GPT-2 (Conv1D weights are [in, out]): {@code wte.weight}, {@code wpe.weight}, per layer
 * {@code h.{i}.} {@code ln_1}, {@code attn.c_attn}, {@code attn.c_proj}, {@code ln_2}, {@code
 * mlp.c_fc}, {@code mlp.c_proj} (weight and bias each); then {@code ln_f}. The head is always tied.
 */
public final class TensorLayout {

  /**
   * One expected tensor.
   *
   * @param name Hugging Face name
   * @param shape dimensions, outermost first
   * @param rule the shape in terms of the configuration, e.g. "(n_kv_heads * head_dim, dim)"
   */
  public record Entry(String name, long[] shape, String rule) {}

  private final ModelConfig config;
  private final Map<String, Entry> entries;

  private TensorLayout(ModelConfig config, List<Entry> entries) {
    this.config = config;
    this.entries = new LinkedHashMap<>();
    entries.forEach(e -> this.entries.put(e.name(), e));
  }

  /** The layout {@code config} implies. */
  public static TensorLayout of(ModelConfig config) {
    return new TensorLayout(config,
        config.family() == ModelConfig.Family.LLAMA ? llama(config) : gpt2(config));
  }

  /** The expected tensors in checkpoint order: embeddings, layers, final norm, head. */
  public List<Entry> entries() {
    return List.copyOf(entries.values());
  }

  /**
   * Checks that {@code checkpoint} holds every expected tensor with its expected shape, nothing
   * else, and no NaN or infinity.
   *
   * @param origin what was read, for messages, e.g. "model folder /m/x"
   * @param configSource where the configuration came from, e.g. "config.json"
   */
  public void check(Checkpoint checkpoint, String origin, String configSource)
      throws MalformedCheckpointException {
    Map<String, Tensor> tensors = checkpoint.tensors();
    for (Entry e : entries.values()) {
      Tensor t = tensors.get(e.name());
      if (t == null) {
        throw new MalformedCheckpointException(origin + ": tensor " + e.name() + " is missing ("
            + "expected " + Arrays.toString(e.shape()) + " " + e.rule() + " from " + configSource + ")");
      }
      if (!Arrays.equals(t.shape(), e.shape())) {
        throw new MalformedCheckpointException(origin + ": tensor " + e.name() + " has shape "
            + Arrays.toString(t.shape()) + ", expected " + Arrays.toString(e.shape()) + " "
            + e.rule() + " from " + configSource);
      }
    }
    TreeSet<String> unexpected = new TreeSet<>(tensors.keySet());
    unexpected.removeAll(entries.keySet());
    if (!unexpected.isEmpty()) {
      List<String> shown = unexpected.stream().limit(5).toList();
      String more = unexpected.size() > shown.size()
          ? " and " + (unexpected.size() - shown.size()) + " more" : "";
      throw new MalformedCheckpointException(origin + ": unexpected tensors " + shown + more
          + " for the " + config.family() + " layout of " + configSource + " (a different"
          + " architecture, or a config key such as attention_bias or tie_word_embeddings that"
          + " disagrees with the weights)");
    }
    for (Entry e : entries.values()) {
      long bad = tensors.get(e.name()).firstNonFinite();
      if (bad >= 0) {
        throw new MalformedCheckpointException(origin + ": tensor " + e.name()
            + " holds a NaN or infinite value at flat index " + bad);
      }
    }
  }

  private static List<Entry> llama(ModelConfig c) {
    long dim = c.dim();
    long qDim = (long) c.nHeads() * c.headDim();
    long kvDim = c.kvDim();
    long hidden = c.hiddenDim();
    List<Entry> out = new ArrayList<>();
    out.add(entry("model.embed_tokens.weight", "(vocab_size, dim)", c.vocabSize(), dim));
    for (int i = 0; i < c.nLayers(); i++) {
      String p = "model.layers." + i + ".";
      out.add(entry(p + "input_layernorm.weight", "(dim)", dim));
      out.add(entry(p + "self_attn.q_proj.weight", "(n_heads * head_dim, dim)", qDim, dim));
      out.add(entry(p + "self_attn.k_proj.weight", "(n_kv_heads * head_dim, dim)", kvDim, dim));
      out.add(entry(p + "self_attn.v_proj.weight", "(n_kv_heads * head_dim, dim)", kvDim, dim));
      if (c.attentionBias()) {
        out.add(entry(p + "self_attn.q_proj.bias", "(n_heads * head_dim)", qDim));
        out.add(entry(p + "self_attn.k_proj.bias", "(n_kv_heads * head_dim)", kvDim));
        out.add(entry(p + "self_attn.v_proj.bias", "(n_kv_heads * head_dim)", kvDim));
      }
      out.add(entry(p + "self_attn.o_proj.weight", "(dim, n_heads * head_dim)", dim, qDim));
      if (c.attention().outputBias()) {
        out.add(entry(p + "self_attn.o_proj.bias", "(dim)", dim));
      }
      out.add(entry(p + "post_attention_layernorm.weight", "(dim)", dim));
      out.add(entry(p + "mlp.gate_proj.weight", "(hidden_dim, dim)", hidden, dim));
      out.add(entry(p + "mlp.up_proj.weight", "(hidden_dim, dim)", hidden, dim));
      out.add(entry(p + "mlp.down_proj.weight", "(dim, hidden_dim)", dim, hidden));
    }
    out.add(entry("model.norm.weight", "(dim)", dim));
    if (!c.tiedEmbeddings()) {
      out.add(entry("lm_head.weight", "(vocab_size, dim)", c.vocabSize(), dim));
    }
    return out;
  }

  private static List<Entry> gpt2(ModelConfig c) {
    long dim = c.dim();
    long inner = c.hiddenDim();
    List<Entry> out = new ArrayList<>();
    out.add(entry("wte.weight", "(vocab_size, dim)", c.vocabSize(), dim));
    out.add(entry("wpe.weight", "(max_positions, dim)", c.maxPositions(), dim));
    for (int i = 0; i < c.nLayers(); i++) {
      String p = "h." + i + ".";
      out.add(entry(p + "ln_1.weight", "(dim)", dim));
      out.add(entry(p + "ln_1.bias", "(dim)", dim));
      out.add(entry(p + "attn.c_attn.weight", "(dim, 3 * dim)", dim, 3 * dim));
      out.add(entry(p + "attn.c_attn.bias", "(3 * dim)", 3 * dim));
      out.add(entry(p + "attn.c_proj.weight", "(dim, dim)", dim, dim));
      out.add(entry(p + "attn.c_proj.bias", "(dim)", dim));
      out.add(entry(p + "ln_2.weight", "(dim)", dim));
      out.add(entry(p + "ln_2.bias", "(dim)", dim));
      out.add(entry(p + "mlp.c_fc.weight", "(dim, hidden_dim)", dim, inner));
      out.add(entry(p + "mlp.c_fc.bias", "(hidden_dim)", inner));
      out.add(entry(p + "mlp.c_proj.weight", "(hidden_dim, dim)", inner, dim));
      out.add(entry(p + "mlp.c_proj.bias", "(dim)", dim));
    }
    out.add(entry("ln_f.weight", "(dim)", dim));
    out.add(entry("ln_f.bias", "(dim)", dim));
    if (!c.tiedEmbeddings()) {
      out.add(entry("lm_head.weight", "(vocab_size, dim)", c.vocabSize(), dim));
    }
    return out;
  }

  private static Entry entry(String name, String rule, long... shape) {
    return new Entry(name, shape, rule);
  }
}

package xent.model.phi3;

import static xent.model.TensorRole.EMBEDDING;
import static xent.model.TensorRole.HEAD;
import static xent.model.TensorRole.NORM_GAIN;

import java.util.List;
import java.util.regex.Pattern;
import xent.model.GatedMlp;
import xent.model.ModelConfig;
import xent.model.ModelFamily;
import xent.model.RotaryAttention;
import xent.model.TensorSpec;
import xent.model.llama.LlamaModel;

/**
 * Phi-3 (Phi3ForCausalLM): Llama's arithmetic (RMSNorm, grouped-query rotary attention, SwiGLU,
 * an untied head) with the projections stored fused, qkv_proj = [q | k | v] and gate_up_proj =
 * [gate | up], which is how {@link LlamaModel} stacks them, so its forward pass runs Phi-3 as it
 * is. Partial rotary (partial_rotary_factor) and the sliding window of Phi-3-mini-4k on every
 * layer come through the config; rope settings through the config reader's shared rope path.
 */
public final class Phi3Model {

  public static final ModelFamily FAMILY = new ModelFamily(Phi3Model::tensors, LlamaModel::new,
      "lm_head.weight", "",
      Pattern.compile("model\\.layers\\.\\d+\\.self_attn\\.rotary_emb\\.inv_freq"));

  private Phi3Model() {}

  /** The checkpoint tensors of {@code c}, in checkpoint order. */
  static List<TensorSpec> tensors(ModelConfig c) {
    long dim = c.dim();
    TensorSpec.Declaration d = new TensorSpec.Declaration();
    d.add("model.embed_tokens.weight", EMBEDDING, "(vocab_size, dim)", c.vocabSize(), dim);
    d.layers(c.nLayers(), "model.layers.%d.", i -> {
      d.add("input_layernorm.weight", NORM_GAIN, "(dim)", dim);
      // qkv_proj [(H + 2 KV) * hs, dim], o_proj [dim, H * hs]
      RotaryAttention.declareFused(d, c, "self_attn.", "qkv_proj", "o_proj");
      d.add("post_attention_layernorm.weight", NORM_GAIN, "(dim)", dim);
      // gate_up_proj [2 * hidden, dim], down_proj [dim, hidden]
      GatedMlp.declareFused(d, c);
    });
    d.add("model.norm.weight", NORM_GAIN, "(dim)", dim);
    if (!c.tiedEmbeddings()) {
      d.add("lm_head.weight", HEAD, "(vocab_size, dim)", c.vocabSize(), dim);
    }
    return d.specs();
  }
}

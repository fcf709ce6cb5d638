package xent.model.gemma;

import static xent.model.TensorRole.NORM_GAIN;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.core.Embedding;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import xent.model.Attention;
import xent.model.BlockScope;
import xent.model.DeclaredLm;
import xent.model.GatedMlp;
import xent.model.ModelConfig;
import xent.model.ModelFamily;
import xent.model.Norms;
import xent.model.RotaryAttention;
import xent.model.RotaryEmbedding;
import xent.model.TensorSpec;
import xent.model.Weights;
import xent.model.llama.LlamaModel;

/**
 * Gemma (GemmaForCausalLM) and Gemma 2 (Gemma2ForCausalLM): Llama's tensors and rotary attention
 * with (1 + w) RMSNorm, embeddings scaled by sqrt(hidden_size), a GeGLU MLP (gelu_pytorch_tanh)
 * and a tied head. Gemma 2 adds a norm after attention and around the MLP, scores scaled by
 * query_pre_attn_scalar, soft-capped attention scores and logits, and sliding layers.
 */
public final class GemmaModel extends DeclaredLm {

  public static final ModelFamily FAMILY = new ModelFamily(GemmaModel::tensors, GemmaModel::new,
      "lm_head.weight", "",
      Pattern.compile("model\\.layers\\.\\d+\\.self_attn\\.rotary_emb\\.inv_freq"));

  /** Llama's tensors (attention_bias on q, k, v and o); Gemma 2's two MLP norms per layer. */
  static List<TensorSpec> tensors(ModelConfig c) {
    List<TensorSpec> out = new ArrayList<>(LlamaModel.tensors(c));
    if (c.family() == ModelConfig.Family.GEMMA2) {
      TensorSpec.Declaration d = new TensorSpec.Declaration();
      d.layers(c.nLayers(), "model.layers.%d.", i -> {
        d.add("pre_feedforward_layernorm.weight", NORM_GAIN, "(dim)", c.dim());
        d.add("post_feedforward_layernorm.weight", NORM_GAIN, "(dim)", c.dim());
      });
      out.addAll(d.specs());
    }
    return out;
  }

  /**
   * One decoder layer's weights; norm gains are stored as offsets from 1. Gemma 2 normalises the
   * attention's output with post_attention_layernorm and wraps the MLP in pre_ and
   * post_feedforward_layernorm; Gemma normalises the MLP's input with post_attention_layernorm
   * (preMlpNorm) and has no post norms (null).
   */
  private record Layer(
      NDArray inputNorm, // [dim]
      RotaryAttention attention,
      NDArray postAttentionNorm, // [dim] or null (Gemma)
      NDArray preMlpNorm, // [dim]
      GatedMlp mlp,
      NDArray postMlpNorm) {} // [dim] or null (Gemma)

  private final NDArray embedTokens; // [V, dim]
  private final Layer[] layers;
  private final NDArray finalNorm; // [dim] model.norm
  private final NDArray head; // [V, dim]
  private final RotaryEmbedding rope;

  public GemmaModel(ModelConfig config, Weights weights) {
    super(config, weights);
    boolean gemma2 = config.family() == ModelConfig.Family.GEMMA2;
    embedTokens = weights.get("model.embed_tokens.weight");
    layers = new Layer[config.nLayers()];
    for (int i = 0; i < layers.length; i++) {
      String p = "model.layers." + i + ".";
      NDArray inputNorm = weights.get(p + "input_layernorm.weight");
      RotaryAttention attention = RotaryAttention.load(weights, p + "self_attn.", config);
      NDArray postAttention = weights.get(p + "post_attention_layernorm.weight");
      layers[i] = new Layer(inputNorm, attention, gemma2 ? postAttention : null,
          gemma2 ? weights.get(p + "pre_feedforward_layernorm.weight") : postAttention,
          GatedMlp.load(weights, p + "mlp."),
          gemma2 ? weights.get(p + "post_feedforward_layernorm.weight") : null);
    }
    finalNorm = weights.get("model.norm.weight");
    head = weights.head(embedTokens);
    rope = new RotaryEmbedding(config);
  }

  @Override
  public NDArray hiddenStates(NDArray tokens) {
    NDManager batch = tokens.getManager();
    NDList rotation = rope.tables(batch, tokens.getShape().get(1)); // cos, sin [1, T, 1, hs/2]
    NDArray[] masks = Attention.layerMasks(batch, tokens.getShape().get(1), config); // [T, T]

    NDArray embedded = Embedding.embedding(tokens, embedTokens, SparseFormat.DENSE)
        .singletonOrThrow(); // [B, T, dim]
    // sqrt(hidden_size) is rounded to the embedding's dtype before multiplying, as in HF
    NDArray x = embedded.mul(batch.full(new Shape(), (float) Math.sqrt(config.dim()),
        embedded.getDataType()));
    for (int i = 0; i < layers.length; i++) { // x: [B, T, dim]
      Layer layer = layers[i];
      int index = i;
      // x + post_attention_layernorm(o_proj(attention(rope(q), rope(k), v))), q, k, v =
      // qkv_proj(input_layernorm(x)); scores scaled, soft-capped (Gemma 2) and masked per layer
      x = BlockScope.run(x, in -> in.add(postNorm(layer.attention.apply(
          norm(in, layer.inputNorm), config, rope, rotation, masks[index], index),
          layer.postAttentionNorm)));
      // x + post_feedforward_layernorm(down_proj(gelu(gate_proj(n)) * up_proj(n))),
      // n = pre_feedforward_layernorm(x) (Gemma: post_attention_layernorm(x), no norm after)
      x = BlockScope.run(x, in -> in.add(postNorm(layer.mlp.apply(
          norm(in, layer.preMlpNorm), config.block().activation()), layer.postMlpNorm)));
    }
    return norm(x, finalNorm);
  }

  /** Gemma's (1 + w) RMSNorm. */
  private NDArray norm(NDArray x, NDArray gain) {
    return Norms.rmsOffset(x, gain, config.normEps());
  }

  /** The norm after a sub-layer (Gemma 2), or x unchanged (Gemma: gain null). */
  private NDArray postNorm(NDArray x, NDArray gain) {
    return gain == null ? x : norm(x, gain);
  }

  @Override
  public NDArray head() {
    return head;
  }
}

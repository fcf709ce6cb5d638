package xent.model.olmo;

import static xent.model.TensorRole.EMBEDDING;
import static xent.model.TensorRole.HEAD;
import static xent.model.TensorRole.NORM_GAIN;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.core.Embedding;
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

/**
 * OLMo (OlmoForCausalLM) and OLMo 2 (Olmo2ForCausalLM): Llama's attention and SwiGLU MLP.
 * OLMo normalises each sub-layer's input with a LayerNorm without parameters (eps 1e-5, fixed
 * in transformers) and may clamp q, k and v (clip_qkv). OLMo 2 normalises each sub-layer's
 * output instead (post_attention_layernorm, post_feedforward_layernorm, RMSNorm) and RMS-normalises
 * q and k over their whole projections.
 */
public final class OlmoModel extends DeclaredLm {

  public static final ModelFamily FAMILY = new ModelFamily(OlmoModel::tensors, OlmoModel::new,
      "lm_head.weight", "",
      Pattern.compile("model\\.layers\\.\\d+\\.self_attn\\.rotary_emb\\.inv_freq"));

  /** OLMo's LayerNorm epsilon, a constant of transformers' OlmoLayerNorm. */
  private static final double OLMO_EPS = 1e-5;

  /** The checkpoint tensors of {@code c}, in checkpoint order. */
  static List<TensorSpec> tensors(ModelConfig c) {
    long dim = c.dim();
    boolean olmo2 = c.family() == ModelConfig.Family.OLMO2;
    TensorSpec.Declaration d = new TensorSpec.Declaration();
    d.add("model.embed_tokens.weight", EMBEDDING, "(vocab_size, dim)", c.vocabSize(), dim);
    d.layers(c.nLayers(), "model.layers.%d.", i -> {
      RotaryAttention.declare(d, c);
      GatedMlp.declare(d, c);
      if (olmo2) {
        d.add("post_attention_layernorm.weight", NORM_GAIN, "(dim)", dim);
        d.add("post_feedforward_layernorm.weight", NORM_GAIN, "(dim)", dim);
      }
    });
    if (olmo2) {
      d.add("model.norm.weight", NORM_GAIN, "(dim)", dim);
    }
    if (!c.tiedEmbeddings()) {
      d.add("lm_head.weight", HEAD, "(vocab_size, dim)", c.vocabSize(), dim);
    }
    return d.specs();
  }

  /** One decoder layer's weights; the norm gains are OLMo 2's (null in OLMo). */
  private record Layer(
      RotaryAttention attention,
      GatedMlp mlp,
      NDArray postAttentionNorm, // [dim] or null
      NDArray postMlpNorm) {} // [dim] or null

  private final NDArray embedTokens; // [V, dim]
  private final Layer[] layers;
  private final NDArray finalNorm; // [dim] model.norm, or null (OLMo)
  private final NDArray head; // [V, dim]
  private final RotaryEmbedding rope;

  public OlmoModel(ModelConfig config, Weights weights) {
    super(config, weights);
    boolean olmo2 = config.family() == ModelConfig.Family.OLMO2;
    embedTokens = weights.get("model.embed_tokens.weight");
    layers = new Layer[config.nLayers()];
    for (int i = 0; i < layers.length; i++) {
      String p = "model.layers." + i + ".";
      layers[i] = new Layer(RotaryAttention.load(weights, p + "self_attn.", config),
          GatedMlp.load(weights, p + "mlp."),
          olmo2 ? weights.get(p + "post_attention_layernorm.weight") : null,
          olmo2 ? weights.get(p + "post_feedforward_layernorm.weight") : null);
    }
    finalNorm = olmo2 ? weights.get("model.norm.weight") : null;
    head = weights.head(embedTokens);
    rope = new RotaryEmbedding(config);
  }

  @Override
  public NDArray hiddenStates(NDArray tokens) {
    NDManager batch = tokens.getManager();
    NDList rotation = rope.tables(batch, tokens.getShape().get(1)); // cos, sin [1, T, 1, hs/2]
    NDArray[] masks = Attention.layerMasks(batch, tokens.getShape().get(1), config); // [T, T]

    NDArray x = Embedding.embedding(tokens, embedTokens, SparseFormat.DENSE).singletonOrThrow();
    for (int i = 0; i < layers.length; i++) { // x: [B, T, dim]
      Layer layer = layers[i];
      int index = i;
      // OLMo: x + attention(layer_norm(x)); OLMo 2: x + post_attention_layernorm(attention(x))
      x = BlockScope.run(x, in -> in.add(after(layer.postAttentionNorm, layer.attention.apply(
          before(layer.postAttentionNorm, in), config, rope, rotation, masks[index], index))));
      // OLMo: x + mlp(layer_norm(x)); OLMo 2: x + post_feedforward_layernorm(mlp(x))
      x = BlockScope.run(x, in -> in.add(after(layer.postMlpNorm, layer.mlp.apply(
          before(layer.postMlpNorm, in), config.block().activation()))));
    }
    return finalNorm == null
        ? Norms.layerWithoutParameters(x, OLMO_EPS)
        : Norms.rms(x, finalNorm, config.normEps());
  }

  /** A sub-layer's input: OLMo's parameter-free LayerNorm of x, or x itself in OLMo 2. */
  private static NDArray before(NDArray olmo2Gain, NDArray x) {
    return olmo2Gain == null ? Norms.layerWithoutParameters(x, OLMO_EPS) : x;
  }

  /** A sub-layer's output: OLMo 2's RMSNorm of it, or itself in OLMo. */
  private NDArray after(NDArray olmo2Gain, NDArray out) {
    return olmo2Gain == null ? out : Norms.rms(out, olmo2Gain, config.normEps());
  }

  @Override
  public NDArray head() {
    return head;
  }
}

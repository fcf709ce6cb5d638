package xent.model.bloom;

import static xent.model.TensorRole.EMBEDDING;
import static xent.model.TensorRole.HEAD;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.core.Embedding;
import java.util.List;
import java.util.regex.Pattern;
import xent.model.Alibi;
import xent.model.Attention;
import xent.model.DeclaredLm;
import xent.model.DenseMlp;
import xent.model.ModelConfig;
import xent.model.ModelFamily;
import xent.model.Norms;
import xent.model.RotaryAttention;
import xent.model.SequentialBlock;
import xent.model.TensorSpec;
import xent.model.Weights;

/**
 * BLOOM (BloomForCausalLM): no position embedding but ALiBi, a LayerNorm right after the token
 * embedding (word_embeddings_layernorm), pre-LN blocks whose residual is optionally taken after
 * the norm (apply_residual_connection_post_layernorm), query_key_value fused per head as [q, k,
 * v], biases everywhere, the tanh GELU (BloomGelu) and a head tied to the embeddings.
 */
public final class BloomModel extends DeclaredLm {

  // BloomForCausalLM puts "transformer." before every name but lm_head's; BloomModel does not
  public static final ModelFamily FAMILY = new ModelFamily(BloomModel::tensors, BloomModel::new,
      "lm_head.weight", "transformer.", Pattern.compile("$^")); // BLOOM stores no buffers

  /** The checkpoint tensors of {@code c} (without BloomForCausalLM's transformer. prefix). */
  static List<TensorSpec> tensors(ModelConfig c) {
    long dim = c.dim();
    TensorSpec.Declaration d = new TensorSpec.Declaration();
    d.add("word_embeddings.weight", EMBEDDING, "(vocab_size, dim)", c.vocabSize(), dim);
    d.layerNorm("word_embeddings_layernorm", dim);
    d.layers(c.nLayers(), "h.%d.", i -> {
      d.layerNorm("input_layernorm", dim);
      // query_key_value [3 * dim, dim]: rows [q, k, v] of head 0, then head 1, ...
      RotaryAttention.declareFused(d, c, "self_attention.", "query_key_value", "dense");
      d.layerNorm("post_attention_layernorm", dim);
      DenseMlp.declare(d, c, "mlp.", "dense_h_to_4h", "dense_4h_to_h");
    });
    d.layerNorm("ln_f", dim);
    if (!c.tiedEmbeddings()) {
      d.add("lm_head.weight", HEAD, "(vocab_size, dim)", c.vocabSize(), dim);
    }
    return d.specs();
  }

  private final NDArray wordEmbeddings; // [V, dim]
  private final NDArray embeddingNormWeight; // [dim] word_embeddings_layernorm
  private final NDArray embeddingNormBias; // [dim]
  private final SequentialBlock[] layers;
  private final NDArray lnfWeight; // [dim]
  private final NDArray lnfBias; // [dim]
  private final NDArray head; // [V, dim]
  private final float[] slopes; // [H] ALiBi

  public BloomModel(ModelConfig config, Weights weights) {
    super(config, weights);
    wordEmbeddings = weights.get("word_embeddings.weight");
    embeddingNormWeight = weights.get("word_embeddings_layernorm.weight");
    embeddingNormBias = weights.get("word_embeddings_layernorm.bias");
    layers = new SequentialBlock[config.nLayers()];
    for (int i = 0; i < layers.length; i++) {
      String p = "h." + i + ".";
      layers[i] = new SequentialBlock(
          weights.get(p + "input_layernorm.weight"), weights.get(p + "input_layernorm.bias"),
          RotaryAttention.loadFused(
              weights, p + "self_attention.", "query_key_value", "dense", config, true),
          weights.get(p + "post_attention_layernorm.weight"),
          weights.get(p + "post_attention_layernorm.bias"),
          DenseMlp.load(weights, p + "mlp.", "dense_h_to_4h", "dense_4h_to_h"));
    }
    lnfWeight = weights.get("ln_f.weight");
    lnfBias = weights.get("ln_f.bias");
    head = weights.head(wordEmbeddings);
    slopes = Alibi.slopes(config.nHeads());
  }

  @Override
  public NDArray hiddenStates(NDArray tokens) {
    NDManager batch = tokens.getManager();
    long t = tokens.getShape().get(1);
    // [H, T, T]: causal mask + slope_h * key position, the same for every layer
    NDArray mask = Alibi.mask(batch, Attention.causalMask(batch, t, 0), slopes);

    NDArray x = Embedding.embedding(tokens, wordEmbeddings, SparseFormat.DENSE).singletonOrThrow();
    x = Norms.layer(x, embeddingNormWeight, embeddingNormBias, config.normEps()); // [B, T, dim]
    for (int i = 0; i < layers.length; i++) { // x: [B, T, dim]
      // h = r + dense(attention(q, k, v) + alibi), q, k, v = query_key_value(n), n =
      // input_layernorm(x); r = x, or n with apply_residual_connection_post_layernorm; the MLP
      // likewise on post_attention_layernorm(h)
      x = layers[i].apply(x, config, null, null, mask, i);
    }
    return Norms.layer(x, lnfWeight, lnfBias, config.normEps());
  }

  @Override
  public NDArray head() {
    return head;
  }
}

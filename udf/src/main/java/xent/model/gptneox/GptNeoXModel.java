package xent.model.gptneox;

import static xent.model.TensorRole.EMBEDDING;
import static xent.model.TensorRole.HEAD;

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
import xent.model.DenseMlp;
import xent.model.ModelConfig;
import xent.model.ModelFamily;
import xent.model.Norms;
import xent.model.RotaryAttention;
import xent.model.RotaryEmbedding;
import xent.model.TensorSpec;
import xent.model.Weights;

/**
 * GPT-NeoX (GPTNeoXForCausalLM: Pythia, GPT-NeoX-20B): LayerNorm, fused per-head q/k/v, partial
 * rotary, parallel residual, GELU MLP, an untied head embed_out. (The config reader refuses
 * use_parallel_residual false.)
 */
public final class GptNeoXModel extends DeclaredLm {

  public static final ModelFamily FAMILY = new ModelFamily(GptNeoXModel::tensors,
      GptNeoXModel::new, "embed_out.weight", "", Pattern.compile("gpt_neox\\.(rotary_emb\\.inv_freq"
          + "|layers\\.\\d+\\.attention\\.(bias|masked_bias|rotary_emb\\.inv_freq))"));

  /** The checkpoint tensors of {@code c}, in checkpoint order. */
  static List<TensorSpec> tensors(ModelConfig c) {
    long dim = c.dim();
    TensorSpec.Declaration d = new TensorSpec.Declaration();
    d.add("gpt_neox.embed_in.weight", EMBEDDING, "(vocab_size, dim)", c.vocabSize(), dim);
    d.layers(c.nLayers(), "gpt_neox.layers.%d.", i -> {
      d.layerNorm("input_layernorm", dim);
      d.layerNorm("post_attention_layernorm", dim);
      // query_key_value [3 * dim, dim]: rows [q, k, v] of head 0, then head 1, ...
      RotaryAttention.declareFused(d, c, "attention.", "query_key_value", "dense");
      DenseMlp.declare(d, c, "mlp.", "dense_h_to_4h", "dense_4h_to_h");
    });
    d.layerNorm("gpt_neox.final_layer_norm", dim);
    if (!c.tiedEmbeddings()) {
      d.add("embed_out.weight", HEAD, "(vocab_size, dim)", c.vocabSize(), dim);
    }
    return d.specs();
  }

  /** One layer's weights. */
  private record Layer(
      NDArray ln1Weight, NDArray ln1Bias, // [dim] input_layernorm
      NDArray ln2Weight, NDArray ln2Bias, // [dim] post_attention_layernorm
      RotaryAttention attention, // query_key_value per head [q, k, v], dense
      DenseMlp mlp) {} // dense_h_to_4h, dense_4h_to_h

  private final NDArray embedIn; // [V, dim]
  private final Layer[] layers;
  private final NDArray lnfWeight; // [dim]
  private final NDArray lnfBias; // [dim]
  private final NDArray head; // [V, dim]: embed_out, or embed_in when tied
  private final RotaryEmbedding rope;

  public GptNeoXModel(ModelConfig config, Weights weights) {
    super(config, weights);
    if (!config.block().parallelResidual()) {
      throw new IllegalArgumentException("GPT-NeoX with sequential residuals is not implemented");
    }
    embedIn = weights.get("gpt_neox.embed_in.weight");
    layers = new Layer[config.nLayers()];
    for (int i = 0; i < layers.length; i++) {
      String p = "gpt_neox.layers." + i + ".";
      layers[i] = new Layer(
          weights.get(p + "input_layernorm.weight"), weights.get(p + "input_layernorm.bias"),
          weights.get(p + "post_attention_layernorm.weight"),
          weights.get(p + "post_attention_layernorm.bias"),
          RotaryAttention.loadFused(
              weights, p + "attention.", "query_key_value", "dense", config, true),
          DenseMlp.load(weights, p + "mlp.", "dense_h_to_4h", "dense_4h_to_h"));
    }
    lnfWeight = weights.get("gpt_neox.final_layer_norm.weight");
    lnfBias = weights.get("gpt_neox.final_layer_norm.bias");
    head = weights.head(embedIn);
    rope = new RotaryEmbedding(config);
  }

  @Override
  public NDArray hiddenStates(NDArray tokens) {
    long t = tokens.getShape().get(1); // sequence length
    NDManager batch = tokens.getManager();
    NDList rotation = rope.tables(batch, t); // cos, sin [1, T, 1, rd/2]
    NDArray mask = Attention.causalMask(batch, t, 0); // [T, T]
    double eps = config.normEps();

    NDArray x = Embedding.embedding(tokens, embedIn, SparseFormat.DENSE).singletonOrThrow();
    for (int i = 0; i < layers.length; i++) { // x: [B, T, dim]
      Layer layer = layers[i];
      int index = i;
      // parallel residual: x + attention(input_layernorm(x)) + mlp(post_attention_layernorm(x)),
      // attention = dense(attention(rope(q), rope(k), v)), q, k, v = query_key_value(n)
      x = BlockScope.run(x, in -> in
          .add(layer.attention.apply(Norms.layer(in, layer.ln1Weight, layer.ln1Bias, eps), config,
              rope, rotation, mask, index))
          .add(layer.mlp.apply(Norms.layer(in, layer.ln2Weight, layer.ln2Bias, eps),
              config.block().activation())));
    }
    return Norms.layer(x, lnfWeight, lnfBias, config.normEps());
  }

  @Override
  public NDArray head() {
    return head;
  }
}

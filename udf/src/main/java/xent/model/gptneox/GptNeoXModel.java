package xent.model.gptneox;

import static xent.model.TensorRole.BIAS;
import static xent.model.TensorRole.EMBEDDING;
import static xent.model.TensorRole.HEAD;
import static xent.model.TensorRole.MATRIX;
import static xent.model.TensorRole.NORM_GAIN;
import static xent.model.TensorRole.RESIDUAL_PROJECTION;

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
import xent.model.ModelConfig;
import xent.model.ModelFamily;
import xent.model.Norms;
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
    long hidden = c.hiddenDim();
    TensorSpec.Declaration d = new TensorSpec.Declaration();
    d.add("gpt_neox.embed_in.weight", EMBEDDING, "(vocab_size, dim)", c.vocabSize(), dim);
    d.layers(c.nLayers(), "gpt_neox.layers.%d.", i -> {
      d.add("input_layernorm.weight", NORM_GAIN, "(dim)", dim);
      d.add("input_layernorm.bias", BIAS, "(dim)", dim);
      d.add("post_attention_layernorm.weight", NORM_GAIN, "(dim)", dim);
      d.add("post_attention_layernorm.bias", BIAS, "(dim)", dim);
      d.add("attention.query_key_value.weight", MATRIX, "(3 * dim, dim)", 3 * dim, dim);
      if (c.attentionBias()) {
        d.add("attention.query_key_value.bias", BIAS, "(3 * dim)", 3 * dim);
      }
      d.add("attention.dense.weight", RESIDUAL_PROJECTION, "(dim, dim)", dim, dim);
      if (c.attention().outputBias()) {
        d.add("attention.dense.bias", BIAS, "(dim)", dim);
      }
      d.add("mlp.dense_h_to_4h.weight", MATRIX, "(hidden_dim, dim)", hidden, dim);
      d.add("mlp.dense_h_to_4h.bias", BIAS, "(hidden_dim)", hidden);
      d.add("mlp.dense_4h_to_h.weight", RESIDUAL_PROJECTION, "(dim, hidden_dim)", dim, hidden);
      d.add("mlp.dense_4h_to_h.bias", BIAS, "(dim)", dim);
    });
    d.add("gpt_neox.final_layer_norm.weight", NORM_GAIN, "(dim)", dim);
    d.add("gpt_neox.final_layer_norm.bias", BIAS, "(dim)", dim);
    if (!c.tiedEmbeddings()) {
      d.add("embed_out.weight", HEAD, "(vocab_size, dim)", c.vocabSize(), dim);
    }
    return d.specs();
  }

  /** One layer's weights, projections [out, in]; biases null when absent. */
  private record Layer(
      NDArray ln1Weight, NDArray ln1Bias, // [dim] input_layernorm
      NDArray ln2Weight, NDArray ln2Bias, // [dim] post_attention_layernorm
      NDArray qkvWeight, NDArray qkvBias, // [3 * dim, dim], [3 * dim]: per head q, k, v
      NDArray denseWeight, NDArray denseBias, // [dim, dim], [dim]
      NDArray upWeight, NDArray upBias, // [hidden, dim], [hidden] dense_h_to_4h
      NDArray downWeight, NDArray downBias) {} // [dim, hidden], [dim] dense_4h_to_h

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
          weights.get(p + "attention.query_key_value.weight"),
          config.attentionBias() ? weights.get(p + "attention.query_key_value.bias") : null,
          weights.get(p + "attention.dense.weight"),
          config.attention().outputBias() ? weights.get(p + "attention.dense.bias") : null,
          weights.get(p + "mlp.dense_h_to_4h.weight"), weights.get(p + "mlp.dense_h_to_4h.bias"),
          weights.get(p + "mlp.dense_4h_to_h.weight"), weights.get(p + "mlp.dense_4h_to_h.bias"));
    }
    lnfWeight = weights.get("gpt_neox.final_layer_norm.weight");
    lnfBias = weights.get("gpt_neox.final_layer_norm.bias");
    head = weights.head(embedIn);
    rope = new RotaryEmbedding(config);
  }

  @Override
  public NDArray hiddenStates(NDArray tokens) {
    long b = tokens.getShape().get(0); // batch size
    long t = tokens.getShape().get(1); // sequence length
    NDManager batch = tokens.getManager();
    NDList rotation = rope.tables(batch, t); // cos, sin [1, T, 1, rd/2]
    NDArray mask = Attention.causalMask(batch, t, 0); // [T, T]

    NDArray x = Embedding.embedding(tokens, embedIn, SparseFormat.DENSE).singletonOrThrow();
    for (Layer layer : layers) { // x: [B, T, dim]
      // parallel residual: x + attention(input_layernorm(x)) + mlp(post_attention_layernorm(x))
      x = BlockScope.run(x, in -> in.add(attention(layer, in, b, t, rotation, mask))
          .add(mlp(layer, in)));
    }
    return Norms.layer(x, lnfWeight, lnfBias, config.normEps());
  }

  /** dense(attention(rope(q), rope(k), v)), q, k, v = query_key_value(input_layernorm(x)). */
  private NDArray attention(Layer layer, NDArray x, long b, long t, NDList rotation, NDArray mask) {
    int h = config.nHeads();
    int hs = config.headDim();
    NDArray xn = Norms.layer(x, layer.ln1Weight, layer.ln1Bias, config.normEps()); // [B, T, dim]
    // the fused projection is laid out per head: [q | k | v] of head 0, then head 1, ...
    NDArray qkv = Weights.linear(xn, layer.qkvWeight, layer.qkvBias).reshape(b, t, h, 3L * hs);
    NDArray q = rope.apply(qkv.get("..., 0:" + hs), rotation); // [B, T, H, hs]
    NDArray k = rope.apply(qkv.get("..., " + hs + ":" + 2 * hs), rotation); // [B, T, H, hs]
    NDArray v = qkv.get("..., " + 2 * hs + ":"); // [B, T, H, hs]
    NDArray heads = Attention.selfAttention(q, k, v, mask, 1.0 / Math.sqrt(hs)); // [B, T, dim]
    return Weights.linear(heads, layer.denseWeight, layer.denseBias); // [B, T, dim]
  }

  /** dense_4h_to_h(act(dense_h_to_4h(post_attention_layernorm(x)))). */
  private NDArray mlp(Layer layer, NDArray x) {
    NDArray xn = Norms.layer(x, layer.ln2Weight, layer.ln2Bias, config.normEps()); // [B, T, dim]
    NDArray up = Weights.linear(xn, layer.upWeight, layer.upBias); // [B, T, hidden]
    NDArray act = config.block().activation().apply(up); // [B, T, hidden]
    return Weights.linear(act, layer.downWeight, layer.downBias); // [B, T, dim]
  }

  @Override
  public NDArray head() {
    return head;
  }
}

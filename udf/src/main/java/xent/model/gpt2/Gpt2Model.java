package xent.model.gpt2;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.core.Embedding;
import ai.djl.nn.norm.LayerNorm;
import java.util.LinkedHashMap;
import java.util.Map;
import xent.model.Attention;
import xent.model.BlockScope;
import xent.model.CausalLm;
import xent.model.ModelConfig;
import xent.model.Weights;

/**
 * GPT-2: learned positions, pre-LayerNorm blocks, fused qkv, tanh-GELU MLP, head tied to wte.
 *
 * <p>GPT-2 stores its projections as Conv1D weights [in, out]; they are transposed once at load
 * so that every projection is one {@code linear} on [out, in] weights, like the Llama family.
 */
public final class Gpt2Model implements CausalLm {

  /** One transformer block's weights, projections [out, in]. */
  private record Block(
      NDArray ln1Weight, NDArray ln1Bias, // [dim]
      NDArray attnWeight, NDArray attnBias, // [3 * dim, dim], [3 * dim]: q, k, v stacked
      NDArray projWeight, NDArray projBias, // [dim, dim], [dim]
      NDArray ln2Weight, NDArray ln2Bias, // [dim]
      NDArray fcWeight, NDArray fcBias, // [hidden, dim], [hidden]
      NDArray fcProjWeight, NDArray fcProjBias) {} // [dim, hidden], [dim]

  private static final float GELU_C = (float) Math.sqrt(2 / Math.PI);

  private final ModelConfig config;
  private final NDManager manager;
  private final NDArray wte; // [V, dim]
  private final NDArray wpe; // [maxPositions, dim]
  private final Block[] blocks;
  private final NDArray lnfWeight; // [dim]
  private final NDArray lnfBias; // [dim]
  private final NDArray head; // [V, dim]: lm_head.weight, or wte when tied

  public Gpt2Model(ModelConfig config, Weights weights) {
    this.config = config;
    this.manager = weights.manager();
    int d = config.dim();
    int hidden = config.hiddenDim();
    wte = weights.get("wte.weight", config.vocabSize(), d);
    wpe = weights.get("wpe.weight", config.maxPositions(), d);
    blocks = new Block[config.nLayers()];
    for (int i = 0; i < blocks.length; i++) {
      String p = "h." + i + ".";
      blocks[i] = new Block(
          weights.get(p + "ln_1.weight", d),
          weights.get(p + "ln_1.bias", d),
          conv1d(weights, p + "attn.c_attn.weight", d, 3 * d),
          weights.get(p + "attn.c_attn.bias", 3 * d),
          conv1d(weights, p + "attn.c_proj.weight", d, d),
          weights.get(p + "attn.c_proj.bias", d),
          weights.get(p + "ln_2.weight", d),
          weights.get(p + "ln_2.bias", d),
          conv1d(weights, p + "mlp.c_fc.weight", d, hidden),
          weights.get(p + "mlp.c_fc.bias", hidden),
          conv1d(weights, p + "mlp.c_proj.weight", hidden, d),
          weights.get(p + "mlp.c_proj.bias", d));
    }
    lnfWeight = weights.get("ln_f.weight", d);
    lnfBias = weights.get("ln_f.bias", d);
    head = config.tiedEmbeddings() ? wte : weights.get("lm_head.weight", config.vocabSize(), d);
  }

  /** A Conv1D weight stored [in, out], returned as a contiguous [out, in]. */
  private static NDArray conv1d(Weights weights, String name, long in, long out) {
    NDArray stored = weights.get(name, in, out);
    NDArray transposed = stored.transpose().duplicate();
    stored.close();
    return transposed;
  }

  @Override
  public NDArray hiddenStates(NDArray tokens) {
    long b = tokens.getShape().get(0); // batch size
    long t = tokens.getShape().get(1); // sequence length
    if (t > config.maxPositions()) {
      throw new IllegalArgumentException(
          "sequence of " + t + " tokens exceeds GPT-2's " + config.maxPositions()
              + " learned positions: use max length <= " + config.maxPositions());
    }
    NDManager batch = tokens.getManager();
    NDArray mask = Attention.causalMask(batch, t, 0); // [T, T]
    NDArray positions = wpe.get("0:" + t); // [T, dim]

    NDArray x = Embedding.embedding(tokens, wte, SparseFormat.DENSE).singletonOrThrow().add(positions);
    for (int i = 0; i < blocks.length; i++) { // x: [B, T, dim]
      Block block = blocks[i];
      double scale = config.attention().scoreScale(i, config.headDim());
      x = BlockScope.run(x, input -> attention(block, input, b, t, mask, scale));
      x = BlockScope.run(x, input -> mlp(block, input));
    }
    return layerNorm(x, lnfWeight, lnfBias);
  }

  /** The attention sub-layer with its residual: x + c_proj(attention(c_attn(ln_1(x)))). */
  private NDArray attention(Block block, NDArray x, long b, long t, NDArray mask, double scale) {
    int d = config.dim();
    int h = config.nHeads();
    int hs = config.headDim();
    // ln_1, fused qkv projection split into heads
    NDArray xn = layerNorm(x, block.ln1Weight, block.ln1Bias);
    NDArray qkv = Weights.linear(xn, block.attnWeight, block.attnBias); // [B, T, 3 * dim]
    NDArray q = qkv.get(":, :, 0:" + d).reshape(b, t, h, hs);
    NDArray k = qkv.get(":, :, " + d + ":" + 2 * d).reshape(b, t, h, hs);
    NDArray v = qkv.get(":, :, " + 2 * d + ":").reshape(b, t, h, hs);
    // causal attention, c_proj, residual
    NDArray attention = Attention.selfAttention(q, k, v, mask, scale); // [B, T, dim]
    return x.add(Weights.linear(attention, block.projWeight, block.projBias));
  }

  /** The MLP sub-layer with its residual: x + c_proj(gelu(c_fc(ln_2(x)))). */
  private NDArray mlp(Block block, NDArray x) {
    // ln_2, MLP with tanh-GELU, residual
    NDArray xn = layerNorm(x, block.ln2Weight, block.ln2Bias);
    NDArray fc = Weights.linear(xn, block.fcWeight, block.fcBias); // [B, T, hidden]
    return x.add(Weights.linear(geluTanh(fc), block.fcProjWeight, block.fcProjBias));
  }

  private NDArray layerNorm(NDArray x, NDArray weight, NDArray bias) {
    Shape normalized = new Shape(config.dim());
    return LayerNorm.layerNorm(x, normalized, weight, bias, (float) config.normEps())
        .singletonOrThrow();
  }

  /** GPT-2's "gelu_new": 0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3))). */
  private static NDArray geluTanh(NDArray x) {
    // Engine scalars, not mul(Number)/pow(Number): see Attention.selfAttention (autograd).
    NDManager m = x.getManager();
    NDArray cubic = x.mul(x).mul(x).mul(m.full(new Shape(), 0.044715f, x.getDataType()));
    NDArray inner = x.add(cubic).mul(m.full(new Shape(), GELU_C, x.getDataType()));
    return x.mul(inner.tanh().add(1f)).mul(m.full(new Shape(), 0.5f, x.getDataType()));
  }

  @Override
  public ModelConfig config() {
    return config;
  }

  @Override
  public NDArray head() {
    return head;
  }

  /** Whether checkpoints store tensor {@code name} as a Conv1D weight [in, out]. */
  public static boolean isConv1d(String name) {
    return name.startsWith("h.") && (name.endsWith(".attn.c_attn.weight")
        || name.endsWith(".attn.c_proj.weight") || name.endsWith(".mlp.c_fc.weight")
        || name.endsWith(".mlp.c_proj.weight"));
  }

  /** The weights by checkpoint name; the Conv1D ones ({@link #isConv1d}) here [out, in]. */
  @Override
  public Map<String, NDArray> parameters() {
    Map<String, NDArray> out = new LinkedHashMap<>();
    out.put("wte.weight", wte);
    out.put("wpe.weight", wpe);
    for (int i = 0; i < blocks.length; i++) {
      String p = "h." + i + ".";
      Block block = blocks[i];
      out.put(p + "ln_1.weight", block.ln1Weight);
      out.put(p + "ln_1.bias", block.ln1Bias);
      out.put(p + "attn.c_attn.weight", block.attnWeight);
      out.put(p + "attn.c_attn.bias", block.attnBias);
      out.put(p + "attn.c_proj.weight", block.projWeight);
      out.put(p + "attn.c_proj.bias", block.projBias);
      out.put(p + "ln_2.weight", block.ln2Weight);
      out.put(p + "ln_2.bias", block.ln2Bias);
      out.put(p + "mlp.c_fc.weight", block.fcWeight);
      out.put(p + "mlp.c_fc.bias", block.fcBias);
      out.put(p + "mlp.c_proj.weight", block.fcProjWeight);
      out.put(p + "mlp.c_proj.bias", block.fcProjBias);
    }
    out.put("ln_f.weight", lnfWeight);
    out.put("ln_f.bias", lnfBias);
    if (!config.tiedEmbeddings()) {
      out.put("lm_head.weight", head);
    }
    return out;
  }

  @Override
  public Map<String, NDArray> checkpointArrays() {
    return parameters();
  }

  @Override
  public void close() {
    manager.close();
  }
}

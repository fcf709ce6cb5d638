package xent.model.gpt2;

import static xent.model.TensorRole.BIAS;
import static xent.model.TensorRole.EMBEDDING;
import static xent.model.TensorRole.HEAD;
import static xent.model.TensorRole.MATRIX;
import static xent.model.TensorRole.NORM_GAIN;
import static xent.model.TensorRole.POSITIONS;
import static xent.model.TensorRole.RESIDUAL_PROJECTION;

import ai.djl.ndarray.NDArray;
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
import xent.model.TensorSpec;
import xent.model.Weights;

/**
 * GPT-2 (GPT2LMHeadModel): learned positions, pre-LayerNorm blocks, fused qkv, tanh-GELU MLP, the
 * head tied to wte or its own lm_head.weight, and the config's two score scalings.
 *
 * <p>GPT-2 stores its projections as Conv1D weights [in, out]; they are declared transposed and
 * arrive [out, in], so that every projection is one {@code linear}, like the Llama family.
 */
public final class Gpt2Model extends DeclaredLm {

  public static final ModelFamily FAMILY = new ModelFamily(Gpt2Model::tensors, Gpt2Model::new,
      "lm_head.weight", "transformer.", Pattern.compile("h\\.\\d+\\.attn\\.(bias|masked_bias)"));

  /** The checkpoint tensors of {@code c} (without GPT2LMHeadModel's transformer. prefix). */
  static List<TensorSpec> tensors(ModelConfig c) {
    long dim = c.dim();
    long inner = c.hiddenDim();
    TensorSpec.Declaration d = new TensorSpec.Declaration();
    d.add("wte.weight", EMBEDDING, "(vocab_size, dim)", c.vocabSize(), dim);
    d.add("wpe.weight", POSITIONS, "(max_positions, dim)", c.maxPositions(), dim);
    d.layers(c.nLayers(), "h.%d.", i -> {
      d.add("ln_1.weight", NORM_GAIN, "(dim)", dim);
      d.add("ln_1.bias", BIAS, "(dim)", dim);
      d.addTransposed("attn.c_attn.weight", MATRIX, "(dim, 3 * dim)", dim, 3 * dim);
      d.add("attn.c_attn.bias", BIAS, "(3 * dim)", 3 * dim);
      d.addTransposed("attn.c_proj.weight", RESIDUAL_PROJECTION, "(dim, dim)", dim, dim);
      d.add("attn.c_proj.bias", BIAS, "(dim)", dim);
      d.add("ln_2.weight", NORM_GAIN, "(dim)", dim);
      d.add("ln_2.bias", BIAS, "(dim)", dim);
      d.addTransposed("mlp.c_fc.weight", MATRIX, "(dim, hidden_dim)", dim, inner);
      d.add("mlp.c_fc.bias", BIAS, "(hidden_dim)", inner);
      d.addTransposed("mlp.c_proj.weight", RESIDUAL_PROJECTION, "(hidden_dim, dim)", inner, dim);
      d.add("mlp.c_proj.bias", BIAS, "(dim)", dim);
    });
    d.add("ln_f.weight", NORM_GAIN, "(dim)", dim);
    d.add("ln_f.bias", BIAS, "(dim)", dim);
    if (!c.tiedEmbeddings()) {
      d.add("lm_head.weight", HEAD, "(vocab_size, dim)", c.vocabSize(), dim);
    }
    return d.specs();
  }

  /** One block's weights, projections [out, in]. */
  private record Block(
      NDArray ln1Weight, NDArray ln1Bias, // [dim]
      NDArray attnWeight, NDArray attnBias, // [3 * dim, dim], [3 * dim]: q, k, v stacked
      NDArray projWeight, NDArray projBias, // [dim, dim], [dim]
      NDArray ln2Weight, NDArray ln2Bias, // [dim]
      NDArray fcWeight, NDArray fcBias, // [hidden, dim], [hidden]
      NDArray fcProjWeight, NDArray fcProjBias) {} // [dim, hidden], [dim]

  private final NDArray wte; // [V, dim]
  private final NDArray wpe; // [maxPositions, dim]
  private final Block[] blocks;
  private final NDArray lnfWeight; // [dim]
  private final NDArray lnfBias; // [dim]
  private final NDArray head; // [V, dim]: lm_head.weight, or wte when tied

  public Gpt2Model(ModelConfig config, Weights weights) {
    super(config, weights);
    wte = weights.get("wte.weight");
    wpe = weights.get("wpe.weight");
    blocks = new Block[config.nLayers()];
    for (int i = 0; i < blocks.length; i++) {
      String p = "h." + i + ".";
      blocks[i] = new Block(
          weights.get(p + "ln_1.weight"), weights.get(p + "ln_1.bias"),
          weights.get(p + "attn.c_attn.weight"), weights.get(p + "attn.c_attn.bias"),
          weights.get(p + "attn.c_proj.weight"), weights.get(p + "attn.c_proj.bias"),
          weights.get(p + "ln_2.weight"), weights.get(p + "ln_2.bias"),
          weights.get(p + "mlp.c_fc.weight"), weights.get(p + "mlp.c_fc.bias"),
          weights.get(p + "mlp.c_proj.weight"), weights.get(p + "mlp.c_proj.bias"));
    }
    lnfWeight = weights.get("ln_f.weight");
    lnfBias = weights.get("ln_f.bias");
    head = weights.head(wte);
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
    return Norms.layer(x, lnfWeight, lnfBias, config.normEps());
  }

  /** x + c_proj(attention(q, k, v)), q, k, v = c_attn(ln_1(x)). */
  private NDArray attention(Block block, NDArray x, long b, long t, NDArray mask, double scale) {
    int d = config.dim();
    int h = config.nHeads();
    int hs = config.headDim();
    NDArray xn = Norms.layer(x, block.ln1Weight, block.ln1Bias, config.normEps()); // [B, T, dim]
    NDArray qkv = Weights.linear(xn, block.attnWeight, block.attnBias); // [B, T, 3 * dim]
    NDArray q = qkv.get(":, :, 0:" + d).reshape(b, t, h, hs); // [B, T, H, hs]
    NDArray k = qkv.get(":, :, " + d + ":" + 2 * d).reshape(b, t, h, hs);
    NDArray v = qkv.get(":, :, " + 2 * d + ":").reshape(b, t, h, hs);
    NDArray heads = Attention.selfAttention(q, k, v, mask, scale); // [B, T, dim]
    return x.add(Weights.linear(heads, block.projWeight, block.projBias));
  }

  /** x + c_proj(gelu(c_fc(ln_2(x)))), the tanh GELU unless the config says "gelu". */
  private NDArray mlp(Block block, NDArray x) {
    NDArray xn = Norms.layer(x, block.ln2Weight, block.ln2Bias, config.normEps()); // [B, T, dim]
    NDArray fc = Weights.linear(xn, block.fcWeight, block.fcBias); // [B, T, hidden]
    NDArray gelu = config.block().activation().apply(fc); // [B, T, hidden]
    return x.add(Weights.linear(gelu, block.fcProjWeight, block.fcProjBias));
  }

  @Override
  public NDArray head() {
    return head;
  }
}

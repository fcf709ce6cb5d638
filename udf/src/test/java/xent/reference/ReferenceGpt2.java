package xent.reference;

import java.util.Arrays;
import xent.model.ModelConfig;
import xent.model.checkpoint.Checkpoint;

/**
 * The GPT-2 forward pass in float64, following Hugging Face's {@code GPT2LMHeadModel}: learned
 * positions, pre-LayerNorm blocks, tanh-GELU MLP, head tied to the token embedding or its own
 * lm_head.weight, and the two score scalings of its config.
 */
public final class ReferenceGpt2 implements ReferenceModel {

  private final ModelConfig config;
  private final double[] wte; // [V, dim] token embedding
  private final double[] head; // [V, dim] lm_head.weight, or wte when tied
  private final double[] wpe; // [maxPositions, dim] position embedding
  private final Block[] blocks;
  private final double[] lnFWeight; // [dim] ln_f.weight
  private final double[] lnFBias; // [dim] ln_f.bias

  /**
   * One block. Hugging Face stores GPT-2's Conv1D weights [in, out] (y = x W + b); they are
   * transposed once here to [out, in] so that every linear layer is y = W x + b.
   */
  private record Block(
      double[] ln1Weight, // [dim]
      double[] ln1Bias, // [dim]
      double[] attnWeight, // [3 * dim, dim] c_attn, outputs q, k, v in that order
      double[] attnBias, // [3 * dim]
      double[] projWeight, // [dim, dim] attn.c_proj
      double[] projBias, // [dim]
      double[] ln2Weight, // [dim]
      double[] ln2Bias, // [dim]
      double[] fcWeight, // [hidden, dim] mlp.c_fc
      double[] fcBias, // [hidden]
      double[] mlpProjWeight, // [dim, hidden] mlp.c_proj
      double[] mlpProjBias) {} // [dim]

  public ReferenceGpt2(Checkpoint checkpoint) {
    ModelConfig c = DoubleWeights.config(checkpoint, ModelConfig.Family.GPT2);
    this.config = c;
    int dim = c.dim();
    int hidden = c.hiddenDim();
    wte = DoubleWeights.read(checkpoint, "wte.weight", c.vocabSize(), dim);
    wpe = DoubleWeights.read(checkpoint, "wpe.weight", c.maxPositions(), dim);
    blocks = new Block[c.nLayers()];
    for (int i = 0; i < blocks.length; i++) {
      String p = "h." + i + ".";
      blocks[i] =
          new Block(
              DoubleWeights.read(checkpoint, p + "ln_1.weight", dim),
              DoubleWeights.read(checkpoint, p + "ln_1.bias", dim),
              conv1D(checkpoint, p + "attn.c_attn.weight", dim, 3 * dim),
              DoubleWeights.read(checkpoint, p + "attn.c_attn.bias", 3 * dim),
              conv1D(checkpoint, p + "attn.c_proj.weight", dim, dim),
              DoubleWeights.read(checkpoint, p + "attn.c_proj.bias", dim),
              DoubleWeights.read(checkpoint, p + "ln_2.weight", dim),
              DoubleWeights.read(checkpoint, p + "ln_2.bias", dim),
              conv1D(checkpoint, p + "mlp.c_fc.weight", dim, hidden),
              DoubleWeights.read(checkpoint, p + "mlp.c_fc.bias", hidden),
              conv1D(checkpoint, p + "mlp.c_proj.weight", hidden, dim),
              DoubleWeights.read(checkpoint, p + "mlp.c_proj.bias", dim));
    }
    lnFWeight = DoubleWeights.read(checkpoint, "ln_f.weight", dim);
    lnFBias = DoubleWeights.read(checkpoint, "ln_f.bias", dim);
    head = c.tiedEmbeddings() ? wte : DoubleWeights.read(checkpoint, "lm_head.weight", c.vocabSize(), dim);
  }

  @Override
  public double[][] logits(int[] inputIds) {
    int seqLen = inputIds.length;
    int dim = config.dim();
    int nHeads = config.nHeads();
    int headDim = config.headDim();
    int hidden = config.hiddenDim();
    double eps = config.normEps();
    if (seqLen > config.maxPositions()) {
      throw new IllegalArgumentException(
          "cannot forward a sequence of length " + seqLen + ", GPT-2 has only "
              + config.maxPositions() + " learned positions");
    }

    // token plus position embeddings: the residual stream x, [T, dim]
    double[][] x = new double[seqLen][];
    for (int t = 0; t < seqLen; t++) {
      x[t] = Kernels.embedding(wte, inputIds, t, dim);
      Kernels.addInPlace(x[t], Arrays.copyOfRange(wpe, t * dim, (t + 1) * dim));
    }

    for (int layer = 0; layer < blocks.length; layer++) {
      Block block = blocks[layer];
      double[][] q = new double[seqLen][]; // [T, dim]
      double[][] k = new double[seqLen][]; // [T, dim]
      double[][] v = new double[seqLen][]; // [T, dim]
      for (int t = 0; t < seqLen; t++) {
        // ln_1 then c_attn, [3 * dim] split into q, k, v
        double[] xb = Kernels.layerNorm(x[t], block.ln1Weight, block.ln1Bias, eps);
        double[] qkv = Kernels.linear(block.attnWeight, block.attnBias, xb, 3 * dim);
        q[t] = Arrays.copyOfRange(qkv, 0, dim);
        k[t] = Arrays.copyOfRange(qkv, dim, 2 * dim);
        v[t] = Arrays.copyOfRange(qkv, 2 * dim, 3 * dim);
      }
      // causal multi-head attention, [T, dim]
      // HF GPT2Attention: scores / sqrt(head_dim) if scale_attn_weights, then / (layer + 1) if
      // scale_attn_by_inverse_layer_idx
      double scale = config.attention().scaleByHeadDim() ? 1.0 / Math.sqrt(headDim) : 1.0;
      if (config.attention().scaleByInverseLayer()) {
        scale /= layer + 1;
      }
      double[][] heads = Kernels.attention(q, k, v, nHeads, nHeads, headDim, 0, scale);
      for (int t = 0; t < seqLen; t++) {
        // attn.c_proj and residual
        Kernels.addInPlace(x[t], Kernels.linear(block.projWeight, block.projBias, heads[t], dim));
        // ln_2, c_fc, GELU, c_proj and residual
        double[] xb = Kernels.layerNorm(x[t], block.ln2Weight, block.ln2Bias, eps);
        double[] h = Kernels.linear(block.fcWeight, block.fcBias, xb, hidden);
        for (int j = 0; j < hidden; j++) {
          h[j] = gelu(h[j]);
        }
        Kernels.addInPlace(x[t], Kernels.linear(block.mlpProjWeight, block.mlpProjBias, h, dim));
      }
    }

    // ln_f and the head (lm_head.weight, or wte when tied), [T, V]
    double[][] logits = new double[seqLen][];
    for (int t = 0; t < seqLen; t++) {
      double[] xf = Kernels.layerNorm(x[t], lnFWeight, lnFBias, eps);
      logits[t] = Kernels.linear(head, null, xf, config.vocabSize());
    }
    return logits;
  }

  /** GELU, tanh approximation (GPT-2's "gelu_new"): 0.5 x (1 + tanh(sqrt(2/pi)(x + 0.044715 x^3))). */
  static double gelu(double x) {
    return 0.5 * x * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (x + 0.044715 * x * x * x)));
  }

  /** A Conv1D weight stored [in, out], returned transposed as [out, in]. */
  private static double[] conv1D(Checkpoint checkpoint, String name, int in, int out) {
    double[] stored = DoubleWeights.read(checkpoint, name, in, out);
    double[] transposed = new double[stored.length];
    for (int i = 0; i < in; i++) {
      for (int o = 0; o < out; o++) {
        transposed[o * in + i] = stored[i * out + o];
      }
    }
    return transposed;
  }
}

package xent.reference;

import xent.model.ModelConfig;
import xent.model.RopeScaling;
import xent.model.checkpoint.Checkpoint;

/**
 * The Llama-family forward pass (Llama, Mistral, Qwen2-style) in float64, following Hugging Face's
 * {@code LlamaForCausalLM}: RMSNorm, rotate-half RoPE, grouped-query attention, SwiGLU.
 */
public final class ReferenceLlama implements ReferenceModel {

  private final ModelConfig config;
  private final double[] embedding; // [V, dim] model.embed_tokens.weight
  private final Layer[] layers;
  private final double[] finalNorm; // [dim] model.norm.weight
  private final double[] head; // [V, dim] lm_head.weight, or the embedding when tied

  /** One decoder layer; linear weights are [out, in], biases null when absent. */
  private record Layer(
      double[] attentionNorm, // [dim] input_layernorm
      double[] wq, // [nHeads * headDim, dim] q_proj
      double[] bq, // [nHeads * headDim]
      double[] wk, // [kvDim, dim] k_proj
      double[] bk, // [kvDim]
      double[] wv, // [kvDim, dim] v_proj
      double[] bv, // [kvDim]
      double[] wo, // [dim, nHeads * headDim] o_proj
      double[] bo, // [dim] o_proj bias (Llama's attention_bias)
      double[] qNorm, // [headDim] q_norm gain (Qwen3), or null
      double[] kNorm, // [headDim] k_norm gain (Qwen3), or null
      double[] ffnNorm, // [dim] post_attention_layernorm
      double[] gate, // [hidden, dim] mlp.gate_proj
      double[] up, // [hidden, dim] mlp.up_proj
      double[] down) {} // [dim, hidden] mlp.down_proj

  public ReferenceLlama(Checkpoint checkpoint) {
    ModelConfig c = DoubleWeights.config(checkpoint, ModelConfig.Family.LLAMA);
    this.config = c;
    long dim = c.dim();
    long qDim = (long) c.nHeads() * c.headDim();
    long kvDim = c.kvDim();
    long hidden = c.hiddenDim();
    long vocab = c.vocabSize();
    embedding = DoubleWeights.read(checkpoint, "model.embed_tokens.weight", vocab, dim);
    layers = new Layer[c.nLayers()];
    for (int i = 0; i < layers.length; i++) {
      String p = "model.layers." + i + ".";
      String a = p + "self_attn.";
      layers[i] =
          new Layer(
              DoubleWeights.read(checkpoint, p + "input_layernorm.weight", dim),
              DoubleWeights.read(checkpoint, a + "q_proj.weight", qDim, dim),
              c.attentionBias() ? DoubleWeights.read(checkpoint, a + "q_proj.bias", qDim) : null,
              DoubleWeights.read(checkpoint, a + "k_proj.weight", kvDim, dim),
              c.attentionBias() ? DoubleWeights.read(checkpoint, a + "k_proj.bias", kvDim) : null,
              DoubleWeights.read(checkpoint, a + "v_proj.weight", kvDim, dim),
              c.attentionBias() ? DoubleWeights.read(checkpoint, a + "v_proj.bias", kvDim) : null,
              DoubleWeights.read(checkpoint, a + "o_proj.weight", dim, qDim),
              c.attention().outputBias() ? DoubleWeights.read(checkpoint, a + "o_proj.bias", dim) : null,
              c.attention().qkNorm() ? DoubleWeights.read(checkpoint, a + "q_norm.weight", c.headDim()) : null,
              c.attention().qkNorm() ? DoubleWeights.read(checkpoint, a + "k_norm.weight", c.headDim()) : null,
              DoubleWeights.read(checkpoint, p + "post_attention_layernorm.weight", dim),
              DoubleWeights.read(checkpoint, p + "mlp.gate_proj.weight", hidden, dim),
              DoubleWeights.read(checkpoint, p + "mlp.up_proj.weight", hidden, dim),
              DoubleWeights.read(checkpoint, p + "mlp.down_proj.weight", dim, hidden));
    }
    finalNorm = DoubleWeights.read(checkpoint, "model.norm.weight", dim);
    head =
        c.tiedEmbeddings()
            ? embedding
            : DoubleWeights.read(checkpoint, "lm_head.weight", vocab, dim);
  }

  @Override
  public double[][] logits(int[] inputIds) {
    int seqLen = inputIds.length;
    int dim = config.dim();
    int nHeads = config.nHeads();
    int headDim = config.headDim();
    int qDim = nHeads * headDim;
    int kvDim = config.kvDim();
    int hidden = config.hiddenDim();
    int vocab = config.vocabSize();
    double eps = config.normEps();
    double[] invFreq = inverseFrequencies(config, seqLen); // [headDim / 2]

    // token embeddings: the residual stream x, [T, dim]
    double[][] x = new double[seqLen][];
    for (int t = 0; t < seqLen; t++) {
      x[t] = Kernels.embedding(embedding, inputIds, t, dim);
    }

    for (int i = 0; i < layers.length; i++) {
      Layer layer = layers[i];
      double[][] q = new double[seqLen][]; // [T, nHeads * headDim]
      double[][] k = new double[seqLen][]; // [T, kvDim]
      double[][] v = new double[seqLen][]; // [T, kvDim]
      for (int t = 0; t < seqLen; t++) {
        // attention rmsnorm
        double[] xb = Kernels.rmsNorm(x[t], layer.attentionNorm, eps);
        // qkv matmuls
        q[t] = Kernels.linear(layer.wq, layer.bq, xb, qDim);
        k[t] = Kernels.linear(layer.wk, layer.bk, xb, kvDim);
        v[t] = Kernels.linear(layer.wv, layer.bv, xb, kvDim);
        // Qwen3: RMSNorm over each head of q and k (q_norm, k_norm), before RoPE
        if (layer.qNorm != null) {
          normEachHead(q[t], layer.qNorm, headDim, eps);
          normEachHead(k[t], layer.kNorm, headDim, eps);
        }
        // RoPE on queries and keys at position t
        rope(q[t], headDim, t, invFreq);
        rope(k[t], headDim, t, invFreq);
      }
      // causal grouped-query attention, [T, nHeads * headDim]; sliding layers see the last
      // sliding_window keys only
      int window = config.attention().slidingLayers().get(i) ? config.slidingWindow() : 0;
      double[][] heads = Kernels.attention(
          q, k, v, nHeads, config.nKvHeads(), headDim, window, 1.0 / Math.sqrt(headDim));
      for (int t = 0; t < seqLen; t++) {
        // output projection and residual
        Kernels.addInPlace(x[t], Kernels.linear(layer.wo, layer.bo, heads[t], dim));
        // ffn rmsnorm
        double[] xb = Kernels.rmsNorm(x[t], layer.ffnNorm, eps);
        // SwiGLU: down(silu(gate(x)) * up(x)), [hidden] -> [dim]
        double[] gate = Kernels.linear(layer.gate, null, xb, hidden);
        double[] up = Kernels.linear(layer.up, null, xb, hidden);
        for (int j = 0; j < hidden; j++) {
          gate[j] = gate[j] / (1.0 + Math.exp(-gate[j])) * up[j];
        }
        // residual
        Kernels.addInPlace(x[t], Kernels.linear(layer.down, null, gate, dim));
      }
    }

    // final rmsnorm and classifier, [T, V]
    double[][] logits = new double[seqLen][];
    for (int t = 0; t < seqLen; t++) {
      logits[t] = Kernels.linear(head, null, Kernels.rmsNorm(x[t], finalNorm, eps), vocab);
    }
    return logits;
  }

  /** RMSNorm of every headDim-wide slice of {@code vec} in place, with the same gain. */
  private static void normEachHead(double[] vec, double[] gain, int headDim, double eps) {
    for (int offset = 0; offset < vec.length; offset += headDim) {
      double[] head = java.util.Arrays.copyOfRange(vec, offset, offset + headDim);
      System.arraycopy(Kernels.rmsNorm(head, gain, eps), 0, vec, offset, headDim);
    }
  }

  /**
   * RoPE inverse frequencies inv_freq[j] = 1 / theta^(2j / headDim), j < headDim / 2, after the
   * config's rope scaling; "dynamic" depends on the sequence length, hence {@code seqLen}.
   */
  static double[] inverseFrequencies(ModelConfig config, int seqLen) {
    int headDim = config.headDim();
    RopeScaling scaling = config.ropeScaling();
    double base = config.ropeTheta();
    if (scaling != null && scaling.type().equals("dynamic") && seqLen > config.maxPositions()) {
      // NTK-aware: grow the base with the sequence length beyond the trained context
      double factor = scaling.factor();
      double growth = factor * seqLen / config.maxPositions() - (factor - 1);
      base *= Math.pow(growth, headDim / (headDim - 2.0));
    }
    double[] invFreq = new double[headDim / 2];
    for (int j = 0; j < invFreq.length; j++) {
      invFreq[j] = 1.0 / Math.pow(base, 2.0 * j / headDim);
    }
    if (scaling == null) {
      return invFreq;
    }
    switch (scaling.type()) {
      case "linear" -> {
        for (int j = 0; j < invFreq.length; j++) {
          invFreq[j] /= scaling.factor();
        }
      }
      case "llama3" -> llama3(invFreq, scaling);
      default -> {} // dynamic: handled through the base
    }
    return invFreq;
  }

  /** Meta's Llama 3.1 rule: keep high frequencies, divide low ones by factor, blend in between. */
  private static void llama3(double[] invFreq, RopeScaling s) {
    double lowFreqWavelen = s.originalMaxPositions() / s.lowFreqFactor();
    double highFreqWavelen = s.originalMaxPositions() / s.highFreqFactor();
    for (int j = 0; j < invFreq.length; j++) {
      double wavelen = 2 * Math.PI / invFreq[j];
      if (wavelen < highFreqWavelen) {
        continue;
      }
      if (wavelen > lowFreqWavelen) {
        invFreq[j] /= s.factor();
      } else {
        double smooth =
            (s.originalMaxPositions() / wavelen - s.lowFreqFactor())
                / (s.highFreqFactor() - s.lowFreqFactor());
        invFreq[j] = (1 - smooth) * invFreq[j] / s.factor() + smooth * invFreq[j];
      }
    }
  }

  /**
   * Rotates every head of {@code vec} in place, Hugging Face rotate-half layout: the pair
   * (x[j], x[j + headDim/2]) of each head turns by the angle pos * invFreq[j].
   */
  static void rope(double[] vec, int headDim, int pos, double[] invFreq) {
    int half = headDim / 2;
    for (int offset = 0; offset < vec.length; offset += headDim) {
      for (int j = 0; j < half; j++) {
        double angle = pos * invFreq[j];
        double cos = Math.cos(angle);
        double sin = Math.sin(angle);
        double a = vec[offset + j];
        double b = vec[offset + j + half];
        vec[offset + j] = a * cos - b * sin;
        vec[offset + j + half] = b * cos + a * sin;
      }
    }
  }
}

package xent.model;

import static xent.model.TensorRole.BIAS;
import static xent.model.TensorRole.MATRIX;
import static xent.model.TensorRole.RESIDUAL_PROJECTION;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;

/**
 * The gated MLP of Llama-layout families, down_proj(act(gate_proj(x)) * up_proj(x)): SwiGLU with
 * silu (Llama), GeGLU with the tanh GELU (Gemma). Gate and up are stacked into one matrix.
 *
 * @param gateUp [2 * hidden, dim]: gate_proj, up_proj stacked
 * @param gateUpBias [2 * hidden] or null (Llama's mlp_bias)
 * @param down [dim, hidden]
 * @param downBias [dim] or null
 */
public record GatedMlp(NDArray gateUp, NDArray gateUpBias, NDArray down, NDArray downBias) {

  /** Declares the tensors of mlp under the declaration's current prefix. */
  public static void declare(TensorSpec.Declaration d, ModelConfig c) {
    long dim = c.dim();
    long hidden = c.hiddenDim();
    boolean bias = c.block().mlpBias();
    d.add("mlp.gate_proj.weight", MATRIX, "(hidden_dim, dim)", hidden, dim);
    if (bias) {
      d.add("mlp.gate_proj.bias", BIAS, "(hidden_dim)", hidden);
    }
    d.add("mlp.up_proj.weight", MATRIX, "(hidden_dim, dim)", hidden, dim);
    if (bias) {
      d.add("mlp.up_proj.bias", BIAS, "(hidden_dim)", hidden);
    }
    d.add("mlp.down_proj.weight", RESIDUAL_PROJECTION, "(dim, hidden_dim)", dim, hidden);
    if (bias) {
      d.add("mlp.down_proj.bias", BIAS, "(dim)", dim);
    }
  }

  /** Declares mlp.gate_up_proj, stored fused (Phi-3), and mlp.down_proj. */
  public static void declareFused(TensorSpec.Declaration d, ModelConfig c) {
    long dim = c.dim();
    long hidden = c.hiddenDim();
    d.add("mlp.gate_up_proj.weight", MATRIX, "(2 * hidden_dim, dim)", 2 * hidden, dim);
    d.add("mlp.down_proj.weight", RESIDUAL_PROJECTION, "(dim, hidden_dim)", dim, hidden);
  }

  /** The MLP of {@link #declareFused} under {@code prefix}. */
  public static GatedMlp loadFused(Weights weights, String prefix) {
    return new GatedMlp(
        weights.get(prefix + "gate_up_proj.weight"), null, weights.get(prefix + "down_proj.weight"),
        null);
  }

  /** The MLP weights under {@code prefix} (e.g. "model.layers.0.mlp."). */
  public static GatedMlp load(Weights weights, String prefix) {
    return new GatedMlp(
        weights.stacked(prefix + "gate_up_proj.weight",
            prefix + "gate_proj.weight", prefix + "up_proj.weight"),
        null, weights.get(prefix + "down_proj.weight"), null);
  }

  /** The same with the biases {@code config} declares (Llama's mlp_bias). */
  public static GatedMlp load(Weights weights, String prefix, ModelConfig config) {
    GatedMlp plain = load(weights, prefix);
    if (!config.block().mlpBias()) {
      return plain;
    }
    return new GatedMlp(plain.gateUp,
        weights.stacked(prefix + "gate_up_proj.bias", prefix + "gate_proj.bias",
            prefix + "up_proj.bias"),
        plain.down, weights.get(prefix + "down_proj.bias"));
  }

  /** down_proj(act(gate_proj(xn)) * up_proj(xn)), xn [B, T, dim] to [B, T, dim]. */
  public NDArray apply(NDArray xn, Activations.Kind activation) {
    NDList gateUpOut = Weights.linear(xn, gateUp, gateUpBias).split(2, 2); // 2 x [B, T, hidden]
    NDArray gated = activation.apply(gateUpOut.get(0)).mul(gateUpOut.get(1));
    return Weights.linear(gated, down, downBias); // [B, T, dim]
  }
}

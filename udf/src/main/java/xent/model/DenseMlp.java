package xent.model;

import static xent.model.TensorRole.BIAS;
import static xent.model.TensorRole.MATRIX;
import static xent.model.TensorRole.RESIDUAL_PROJECTION;

import ai.djl.ndarray.NDArray;

/**
 * The two-layer MLP of Phi, GPT-J, OPT, Falcon and BLOOM, down(act(up(x))), under the names each
 * family gives its two projections (Phi's fc1 / fc2, GPT-J's fc_in / fc_out, Falcon's and BLOOM's
 * dense_h_to_4h / dense_4h_to_h).
 *
 * @param up [hidden, dim]
 * @param upBias [hidden], or null (OPT's enable_bias false, Falcon's bias false)
 * @param down [dim, hidden]
 * @param downBias [dim], or null
 */
public record DenseMlp(NDArray up, NDArray upBias, NDArray down, NDArray downBias) {

  /** Declares prefix + up and prefix + down (weights and biases) under the current prefix. */
  public static void declare(
      TensorSpec.Declaration d, ModelConfig c, String prefix, String up, String down) {
    declare(d, c, prefix, up, down, true);
  }

  /** The same, with biases only when {@code bias}. */
  public static void declare(TensorSpec.Declaration d, ModelConfig c, String prefix, String up,
      String down, boolean bias) {
    long dim = c.dim();
    long hidden = c.hiddenDim();
    d.add(prefix + up + ".weight", MATRIX, "(hidden_dim, dim)", hidden, dim);
    if (bias) {
      d.add(prefix + up + ".bias", BIAS, "(hidden_dim)", hidden);
    }
    d.add(prefix + down + ".weight", RESIDUAL_PROJECTION, "(dim, hidden_dim)", dim, hidden);
    if (bias) {
      d.add(prefix + down + ".bias", BIAS, "(dim)", dim);
    }
  }

  /** The MLP weights prefix + up and prefix + down. */
  public static DenseMlp load(Weights weights, String prefix, String up, String down) {
    return load(weights, prefix, up, down, true);
  }

  /** The same, with biases only when {@code bias}. */
  public static DenseMlp load(
      Weights weights, String prefix, String up, String down, boolean bias) {
    return new DenseMlp(weights.get(prefix + up + ".weight"),
        bias ? weights.get(prefix + up + ".bias") : null, weights.get(prefix + down + ".weight"),
        bias ? weights.get(prefix + down + ".bias") : null);
  }

  /** down(act(up(xn))), xn [B, T, dim] to [B, T, dim]. */
  public NDArray apply(NDArray xn, Activations.Kind activation) {
    NDArray hidden = activation.apply(Weights.linear(xn, up, upBias)); // [B, T, hidden]
    return Weights.linear(hidden, down, downBias); // [B, T, dim]
  }
}

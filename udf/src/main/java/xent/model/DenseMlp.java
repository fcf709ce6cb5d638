package xent.model;

import static xent.model.TensorRole.BIAS;
import static xent.model.TensorRole.MATRIX;
import static xent.model.TensorRole.RESIDUAL_PROJECTION;

import ai.djl.ndarray.NDArray;

/**
 * The two-layer MLP with biases of Phi and GPT-J, down(act(up(x))), under the names each family
 * gives its two projections (Phi's fc1 / fc2, GPT-J's fc_in / fc_out).
 *
 * @param up [hidden, dim]
 * @param upBias [hidden]
 * @param down [dim, hidden]
 * @param downBias [dim]
 */
public record DenseMlp(NDArray up, NDArray upBias, NDArray down, NDArray downBias) {

  /** Declares prefix + up and prefix + down (weights and biases) under the current prefix. */
  public static void declare(
      TensorSpec.Declaration d, ModelConfig c, String prefix, String up, String down) {
    long dim = c.dim();
    long hidden = c.hiddenDim();
    d.add(prefix + up + ".weight", MATRIX, "(hidden_dim, dim)", hidden, dim);
    d.add(prefix + up + ".bias", BIAS, "(hidden_dim)", hidden);
    d.add(prefix + down + ".weight", RESIDUAL_PROJECTION, "(dim, hidden_dim)", dim, hidden);
    d.add(prefix + down + ".bias", BIAS, "(dim)", dim);
  }

  /** The MLP weights prefix + up and prefix + down. */
  public static DenseMlp load(Weights weights, String prefix, String up, String down) {
    return new DenseMlp(weights.get(prefix + up + ".weight"), weights.get(prefix + up + ".bias"),
        weights.get(prefix + down + ".weight"), weights.get(prefix + down + ".bias"));
  }

  /** down(act(up(xn))), xn [B, T, dim] to [B, T, dim]. */
  public NDArray apply(NDArray xn, Activations.Kind activation) {
    NDArray hidden = activation.apply(Weights.linear(xn, up, upBias)); // [B, T, hidden]
    return Weights.linear(hidden, down, downBias); // [B, T, dim]
  }
}

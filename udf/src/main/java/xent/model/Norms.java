package xent.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.norm.LayerNorm;

/** The normalisations of the families, over the last axis of [B, T, width]. */
public final class Norms {

  private Norms() {}

  /** RMSNorm: x / sqrt(mean(x^2) + eps) * weight. */
  public static NDArray rms(NDArray x, NDArray weight, double eps) {
    NDArray meanSquare = x.square().mean(new int[] {-1}, true);
    return x.div(meanSquare.add((float) eps).sqrt()).mul(weight);
  }

  /**
   * Gemma's RMSNorm: x / sqrt(mean(x^2) + eps) * (1 + weight); the checkpoint stores the gain's
   * offset from 1.
   */
  public static NDArray rmsOffset(NDArray x, NDArray weight, double eps) {
    return rms(x, weight.add(1f), eps);
  }

  /** OLMo's parameter-free LayerNorm: (x - mean) / sqrt(var + eps), no gain, no bias. */
  public static NDArray layerWithoutParameters(NDArray x, double eps) {
    NDArray centred = x.sub(x.mean(new int[] {-1}, true));
    NDArray variance = centred.square().mean(new int[] {-1}, true);
    return centred.div(variance.add((float) eps).sqrt());
  }

  /**
   * LayerNorm: (x - mean) / sqrt(var + eps) * weight + bias; weight and bias null for a
   * LayerNorm without them (OPT's layer_norm_elementwise_affine false).
   */
  public static NDArray layer(NDArray x, NDArray weight, NDArray bias, double eps) {
    if (weight == null && bias == null) {
      return layerWithoutParameters(x, eps);
    }
    Shape normalized = new Shape(x.getShape().get(x.getShape().dimension() - 1));
    return LayerNorm.layerNorm(x, normalized, weight, bias, (float) eps).singletonOrThrow();
  }
}

package xent.reference;

import xent.model.ModelConfig;
import xent.model.checkpoint.Checkpoint;

/** Checkpoint tensors widened from their stored type (via float32) to double. */
final class DoubleWeights {

  private DoubleWeights() {}

  /** The checkpoint's config, which must be of {@code family}. */
  static ModelConfig config(Checkpoint checkpoint, ModelConfig.Family family) {
    ModelConfig config = checkpoint.config();
    if (config.family() != family) {
      throw new IllegalArgumentException(
          checkpoint.source() + ": expected a " + family + " checkpoint, found " + config.family());
    }
    return config;
  }

  /** The tensor {@code name}, checked against {@code shape}, flattened row-major to double. */
  static double[] read(Checkpoint checkpoint, String name, long... shape) {
    float[] values = checkpoint.tensor(name, shape).toFloatArray();
    double[] out = new double[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = values[i];
    }
    return out;
  }
}

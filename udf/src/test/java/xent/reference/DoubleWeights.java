package xent.reference;

import xent.model.checkpoint.Checkpoint;

/** Checkpoint tensors widened from their stored type (via float32) to double. */
final class DoubleWeights {

  private DoubleWeights() {}

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

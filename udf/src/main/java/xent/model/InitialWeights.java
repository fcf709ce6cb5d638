package xent.model;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import xent.model.checkpoint.Checkpoint;
import xent.model.checkpoint.Tensor;

/**
 * Weights to train from, GPT-2 style: matrices and embeddings ~ N(0, 0.02), norm gains 1, biases
 * 0, and the projections that write into the residual stream (attention output and MLP down
 * projection) ~ N(0, 0.02 / sqrt(2 * n_layers)) so that the stream's variance does not grow with
 * depth. The same config and seed always give the same weights.
 */
public final class InitialWeights {

  /** Standard deviation of matrices and embeddings. */
  public static final double STD = 0.02;

  private InitialWeights() {}

  /** A float32 checkpoint with every tensor {@code config}'s family declares, in that order. */
  public static Checkpoint draw(ModelConfig config, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    double residualStd = STD / Math.sqrt(2.0 * config.nLayers());
    Map<String, Tensor> tensors = new LinkedHashMap<>();
    for (TensorSpec e : ModelFamily.tensorsOf(config)) {
      float[] values = new float[Math.toIntExact(e.numel())];
      switch (e.role()) {
        case NORM_GAIN -> Arrays.fill(values, 1f);
        case BIAS -> { } // zeros
        default -> {
          double std = e.role() == TensorRole.RESIDUAL_PROJECTION ? residualStd : STD;
          for (int i = 0; i < values.length; i++) {
            values[i] = (float) (std * random.nextGaussian());
          }
        }
      }
      tensors.put(e.name(), Tensor.f32(e.name(), e.shape(), values));
    }
    Path source = Path.of("initial-" + config.family().name().toLowerCase() + "-seed-" + seed);
    return new Checkpoint(source, config, tensors);
  }
}

package xent.model;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import xent.model.checkpoint.Checkpoint;
import xent.model.checkpoint.Tensor;
import xent.model.checkpoint.TensorLayout;

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

  /** A float32 checkpoint with every tensor of {@code config}'s layout, in layout order. */
  public static Checkpoint draw(ModelConfig config, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    double residualStd = STD / Math.sqrt(2.0 * config.nLayers());
    Map<String, Tensor> tensors = new LinkedHashMap<>();
    for (TensorLayout.Entry e : TensorLayout.of(config).entries()) {
      long n = 1;
      for (long d : e.shape()) {
        n *= d;
      }
      float[] values = new float[Math.toIntExact(n)];
      if (e.shape().length == 1) {
        Arrays.fill(values, e.name().endsWith(".bias") ? 0f : 1f);
      } else {
        double std = isResidualProjection(e.name()) ? residualStd : STD;
        for (int i = 0; i < values.length; i++) {
          values[i] = (float) (std * random.nextGaussian());
        }
      }
      tensors.put(e.name(), Tensor.f32(e.name(), e.shape(), values));
    }
    Path source = Path.of("initial-" + config.family().name().toLowerCase() + "-seed-" + seed);
    return new Checkpoint(source, config, tensors);
  }

  /** Llama's o_proj and down_proj, GPT-2's attn.c_proj and mlp.c_proj weights. */
  static boolean isResidualProjection(String name) {
    return name.endsWith("self_attn.o_proj.weight") || name.endsWith("mlp.down_proj.weight")
        || name.endsWith("attn.c_proj.weight") || name.endsWith("mlp.c_proj.weight");
  }
}

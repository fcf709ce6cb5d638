package xent.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import xent.model.checkpoint.Checkpoint;
import xent.reference.RandomCheckpoints;

/** The one tensor declaration per family drives parameter counts and training init. */
@Tag("fast")
class ModelFamilyTest {

  @Test
  void llamaParameterCountsAreTheClosedFormsOfItsShapes() {
    ModelConfig c = RandomCheckpoints.llama().optHeads(4, 2).optHeadDim(8).optHiddenDim(40)
        .optLlamaAttentionBias().optUntiedHead().config();
    long d = 64;
    long q = 4 * 8;
    long kv = 2 * 8;
    long perLayer = d * q + 2 * d * kv + q * d + (q + 2 * kv + d) + 3 * d * 40 + 2 * d;

    assertEquals(2 * perLayer + d, c.nonEmbeddingParameters());
    assertEquals(2 * perLayer + d + 2 * 300 * d, c.totalParameters());
  }

  @Test
  void gpt2ParameterCountsAreTheClosedFormsOfItsShapes() {
    ModelConfig c = RandomCheckpoints.gpt2().config(); // dim 64, hidden 256, 256 positions, tied
    long d = 64;
    long perLayer = (3 * d * d + 3 * d) + (d * d + d) + (d * 256 + 256) + (256 * d + d) + 4 * d;

    assertEquals(2 * perLayer + 2 * d, c.nonEmbeddingParameters());
    assertEquals(2 * perLayer + 2 * d + 300 * d + 256 * d, c.totalParameters());
  }

  @Test
  void initialWeightsDrawEachRoleItsOwnWay() {
    ModelConfig c = RandomCheckpoints.gpt2().config();
    Checkpoint initial = InitialWeights.draw(c, 3);
    List<TensorSpec> specs = ModelFamily.tensorsOf(c);

    assertEquals(specs.stream().map(TensorSpec::name).collect(Collectors.toSet()),
        initial.tensors().keySet());
    for (TensorSpec spec : specs) {
      float[] values = initial.tensors().get(spec.name()).toFloatArray();
      switch (spec.role()) {
        case NORM_GAIN -> assertTrue(allEqual(values, 1f), spec.name());
        case BIAS -> assertTrue(allEqual(values, 0f), spec.name());
        default -> {
          double std = spec.role() == TensorRole.RESIDUAL_PROJECTION
              ? InitialWeights.STD / Math.sqrt(2.0 * c.nLayers()) : InitialWeights.STD;
          assertEquals(std, rms(values), 0.05 * std, spec.name()); // >= 4096 draws: 2% noise
        }
      }
    }
  }

  private static boolean allEqual(float[] values, float value) {
    for (float v : values) {
      if (v != value) {
        return false;
      }
    }
    return true;
  }

  private static double rms(float[] values) {
    double sum = 0;
    for (float v : values) {
      sum += (double) v * v;
    }
    return Math.sqrt(sum / values.length);
  }

  @Test
  void declaresConv1dWeightsTransposedAndNothingElse() {
    for (TensorSpec spec : ModelFamily.tensorsOf(RandomCheckpoints.gpt2().config())) {
      boolean conv1d = spec.name().matches(
          "h\\.\\d+\\.(attn\\.c_attn|attn\\.c_proj|mlp\\.c_fc|mlp\\.c_proj)\\.weight");
      assertEquals(conv1d, spec.transposed(), spec.name());
    }
    assertTrue(ModelFamily.tensorsOf(RandomCheckpoints.llama().config()).stream()
        .noneMatch(TensorSpec::transposed));
  }
}

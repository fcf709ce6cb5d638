package xent.model;

import java.util.Objects;
import java.util.Set;

/**
 * RoPE frequency scaling from a Hugging Face config's {@code rope_scaling}.
 *
 * @param type "linear", "dynamic" or "llama3"
 * @param factor scaling factor (greater than or equal to 1)
 * @param lowFreqFactor llama3 only: wavelengths above originalMaxPositions / lowFreqFactor are scaled
 * @param highFreqFactor llama3 only: wavelengths below originalMaxPositions / highFreqFactor are kept
 * @param originalMaxPositions context length the model was pre-trained with
 */
public record RopeScaling(
    String type,
    double factor,
    double lowFreqFactor,
    double highFreqFactor,
    int originalMaxPositions) {

  private static final Set<String> TYPES = Set.of("linear", "dynamic", "llama3");

  public RopeScaling {
    Objects.requireNonNull(type, "type");
    if (!TYPES.contains(type)) {
      throw new IllegalArgumentException(
          "rope_scaling type '" + type + "' is not supported (supported: " + TYPES + ")");
    }
    if (!(factor >= 1.0)) {
      throw new IllegalArgumentException("rope_scaling factor must be >= 1, found " + factor);
    }
  }
}

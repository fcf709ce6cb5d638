package xent.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import xent.model.checkpoint.Tensor;

/**
 * A model's live weights copied off the engine as float32 checkpoint tensors in Hugging Face
 * layout, ready for {@link xent.model.checkpoint.HfCheckpointWriter}: tensors declared transposed
 * (GPT-2's Conv1D weights), which the forward pass holds as [out, in], go back to [in, out].
 */
public final class ParameterTensors {

  private ParameterTensors() {}

  /** Every parameter of {@code lm} by checkpoint name, in checkpoint order. */
  public static Map<String, Tensor> of(CausalLm lm) {
    Map<String, TensorSpec> specs = new HashMap<>();
    ModelFamily.tensorsOf(lm.config()).forEach(s -> specs.put(s.name(), s));
    Map<String, Tensor> out = new LinkedHashMap<>();
    lm.checkpointArrays().forEach((name, array) -> {
      float[] values = floats(array);
      long[] shape = array.getShape().getShape();
      if (specs.get(name).transposed()) {
        values = transpose(values, (int) shape[0], (int) shape[1]);
        shape = new long[] {shape[1], shape[0]};
      }
      out.put(name, Tensor.f32(name, shape, values));
    });
    return out;
  }

  private static float[] floats(NDArray array) {
    if (array.getDataType() == DataType.FLOAT32) {
      return array.toFloatArray();
    }
    try (NDArray f32 = array.toType(DataType.FLOAT32, true)) {
      return f32.toFloatArray();
    }
  }

  /** A row-major [rows, cols] matrix as [cols, rows]. */
  private static float[] transpose(float[] values, int rows, int cols) {
    float[] out = new float[values.length];
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < cols; c++) {
        out[c * rows + r] = values[r * cols + c];
      }
    }
    return out;
  }
}

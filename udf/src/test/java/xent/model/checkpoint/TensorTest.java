package xent.model.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("fast")
class TensorTest {

  @TempDir Path dir;

  @Test
  void findsFirstNonFiniteValueInEveryDtype() throws IOException {
    float[] values = {1f, -0f, 65504f, 3e-8f, Float.NEGATIVE_INFINITY, Float.NaN, 2f};
    float[] finite = {1f, -0f, 65504f, 3e-8f, -1e-30f};
    Path file = dir.resolve("t.safetensors");
    SafetensorsWriter writer = new SafetensorsWriter();
    for (DType dtype : DType.values()) {
      writer.add("bad-" + dtype, dtype, new long[] {7}, values);
      writer.add("ok-" + dtype, dtype, new long[] {5}, finite);
    }
    writer.add("nan-first", DType.F32, new long[] {2}, new float[] {Float.NaN, 0f});
    writer.write(file);

    SafetensorsFile read = SafetensorsFile.read(file);

    for (DType dtype : DType.values()) {
      assertEquals(4, read.tensors().get("bad-" + dtype).firstNonFinite(), dtype.name());
      assertEquals(-1, read.tensors().get("ok-" + dtype).firstNonFinite(), dtype.name());
    }
    assertEquals(0, read.tensors().get("nan-first").firstNonFinite());
  }
}

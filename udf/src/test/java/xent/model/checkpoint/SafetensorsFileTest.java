package xent.model.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("fast")
class SafetensorsFileTest {

  @TempDir Path dir;

  /** Ordinary values, ties, subnormal halves, values that round up into the next binade. */
  private static float[] awkwardValues() {
    Random random = new Random(7);
    float[] values = new float[600];
    for (int i = 0; i < 500; i++) {
      values[i] = (float) (random.nextGaussian() * Math.pow(10, random.nextInt(7) - 4));
    }
    float[] special = {0f, -0f, 1f, -2.5f, 1 + 0x1p-11f, 1 + 3 * 0x1p-11f, 1 + 0x1p-8f,
        1 + 3 * 0x1p-8f, 0x1p-24f, 0x1p-25f, 1.5f * 0x1p-25f, 3e-6f, -6.1e-5f, 2047.9999f,
        65000f, 0x1.fffffep-1f, 1e-40f, -3.3e38f};
    System.arraycopy(special, 0, values, 500, special.length);
    return values;
  }

  @Test
  void roundTripsF32ExactlyAndF16Bf16ToNearestEven() throws IOException {
    float[] values = awkwardValues();
    float[] f16Range = values.clone();
    for (int i = 0; i < f16Range.length; i++) {
      if (Math.abs(f16Range[i]) > 65504) {
        f16Range[i] = 1f; // the oracle covers finite halves only; overflow is tested apart
      }
    }
    Path file = dir.resolve("three.safetensors");
    new SafetensorsWriter()
        .add("f32", DType.F32, new long[] {20, 30}, values)
        .add("f16", DType.F16, new long[] {600}, f16Range)
        .add("bf16", DType.BF16, new long[] {2, 3, 100}, values)
        .write(file);

    SafetensorsFile read = SafetensorsFile.read(file);

    assertEquals(Map.of("format", "pt"), read.metadata());
    assertEquals(List.of("f32", "f16", "bf16"), List.copyOf(read.tensors().keySet()));
    assertArrayEquals(new long[] {2, 3, 100}, read.tensors().get("bf16").shape());
    assertArrayEquals(values, read.tensors().get("f32").toFloatArray());
    float[] f16 = read.tensors().get("f16").toFloatArray();
    float[] bf16 = read.tensors().get("bf16").toFloatArray();
    for (int i = 0; i < values.length; i++) {
      assertEquals(HalfPrecisionOracle.nearestF16(f16Range[i]), f16[i], "F16 of " + f16Range[i]);
      assertEquals(HalfPrecisionOracle.nearestBf16(values[i]), bf16[i], "BF16 of " + values[i]);
    }
    // Spot checks the oracle itself: ties go to the even neighbour.
    assertEquals(1f, HalfPrecisionOracle.nearestF16(1 + 0x1p-11f));
    assertEquals(1 + 0x1p-9f, HalfPrecisionOracle.nearestF16(1 + 3 * 0x1p-11f));
    assertEquals(0f, HalfPrecisionOracle.nearestF16(0x1p-25f));
  }

  @Test
  void convertsOverflowAndNanToInfinityAndNan() {
    assertEquals(Float.POSITIVE_INFINITY, Tensor.f16ToFloat(SafetensorsWriter.toF16(65520f)));
    assertEquals(65504f, Tensor.f16ToFloat(SafetensorsWriter.toF16(65519f)));
    assertEquals(Float.NEGATIVE_INFINITY, Tensor.bf16ToFloat(SafetensorsWriter.toBf16(-Float.MAX_VALUE)));
    assertTrue(Float.isNaN(Tensor.f16ToFloat(SafetensorsWriter.toF16(Float.NaN))));
    assertTrue(Float.isNaN(Tensor.bf16ToFloat(SafetensorsWriter.toBf16(Float.NaN))));
  }

  @Test
  void alignsTheDataRegionToEightBytes() throws IOException {
    Path file = dir.resolve("a.safetensors");
    new SafetensorsWriter().add("x", DType.F32, new long[] {3}, new float[] {1, 2, 3}).write(file);
    ByteBuffer head = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
    assertEquals(0, head.getLong(0) % 8);
    assertEquals(8 + head.getLong(0) + 12, Files.size(file));
  }

  @Test
  void rejectsTruncatedFileNamingIt() throws IOException {
    Path file = dir.resolve("cut.safetensors");
    new SafetensorsWriter().add("w", DType.F32, new long[] {4, 4}, new float[16]).write(file);
    byte[] bytes = Files.readAllBytes(file);
    Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length - 5));

    IOException e = assertThrows(MalformedCheckpointException.class, () -> SafetensorsFile.read(file));

    assertTrue(e.getMessage().startsWith("safetensors file " + file + ": truncated"), e.getMessage());
    assertTrue(e.getMessage().contains("tensor w at data bytes [0, 64) but the data region holds only 59"),
        e.getMessage());
  }

  @Test
  void rejectsHeaderWhoseOffsetsOverlap() throws IOException {
    Path file = rawFile("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
        + "\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[4,12]}}", 12);

    IOException e = assertThrows(MalformedCheckpointException.class, () -> SafetensorsFile.read(file));

    assertEquals("safetensors file " + file + ": header lies about offsets: tensor b begins at"
        + " data byte 4 but tensor a ends at 8", e.getMessage());
  }

  @Test
  void rejectsOffsetsThatDisagreeWithShape() throws IOException {
    Path file = rawFile("{\"a\":{\"dtype\":\"BF16\",\"shape\":[2,3],\"data_offsets\":[0,8]}}", 8);

    IOException e = assertThrows(MalformedCheckpointException.class, () -> SafetensorsFile.read(file));

    assertEquals("safetensors file " + file + ": tensor a has data_offsets [0, 8] (8 bytes) but"
        + " shape [2, 3] BF16 needs 12 bytes", e.getMessage());
  }

  @Test
  void rejectsHeaderLongerThanTheFile() throws IOException {
    Path file = dir.resolve("long.safetensors");
    ByteBuffer bytes = ByteBuffer.allocate(20).order(ByteOrder.LITTLE_ENDIAN).putLong(1000);
    Files.write(file, bytes.array());

    IOException e = assertThrows(MalformedCheckpointException.class, () -> SafetensorsFile.read(file));

    assertEquals("safetensors file " + file + ": header length says 1000 bytes but only 12 bytes"
        + " follow it (truncated, or not a safetensors file)", e.getMessage());
  }

  @Test
  void rejectsBadJsonUnknownDtypeAndTrailingBytes() throws IOException {
    Path badJson = rawFile("{\"a\": [", 0);
    Path int64 = rawFile("{\"a\":{\"dtype\":\"I64\",\"shape\":[1],\"data_offsets\":[0,8]}}", 8);
    Path trailing = rawFile("{\"a\":{\"dtype\":\"F16\",\"shape\":[1],\"data_offsets\":[0,2]}}", 6);

    assertTrue(assertThrows(MalformedCheckpointException.class, () -> SafetensorsFile.read(badJson))
        .getMessage().startsWith("safetensors file " + badJson + ": header is not valid JSON"));
    assertEquals("safetensors file " + int64 + ": tensor a has dtype I64; xent reads F32, F16 and BF16",
        assertThrows(MalformedCheckpointException.class, () -> SafetensorsFile.read(int64)).getMessage());
    assertEquals("safetensors file " + trailing + ": 4 bytes follow the last tensor (the header"
        + " covers 2 of 6 data bytes)",
        assertThrows(MalformedCheckpointException.class, () -> SafetensorsFile.read(trailing)).getMessage());
  }

  @Test
  void mapsTensorsPastTheFirstTwoGigabytesOfASparseFile() throws IOException {
    long big = 300_000_000L; // 1.2 GB of F32 each
    Path file = sparseFile("{\"a\":{\"dtype\":\"F32\",\"shape\":[" + big + "],\"data_offsets\":[0,"
        + 4 * big + "]},\"b\":{\"dtype\":\"F32\",\"shape\":[" + big + "],\"data_offsets\":["
        + 4 * big + "," + 8 * big + "]},\"c\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":["
        + 8 * big + "," + (8 * big + 8) + "]}}", 8 * big + 8, new float[] {1.5f, -2f});

    SafetensorsFile read = SafetensorsFile.read(file);

    assertTrue(Files.size(file) > 2_400_000_000L);
    assertArrayEquals(new float[] {1.5f, -2f}, read.tensors().get("c").toFloatArray());
    assertEquals(0f, read.tensors().get("b").data().getFloat(4 * (int) (big - 1)));
  }

  @Test
  void refusesSingleTensorOverTwoGigabytesNamingIt() throws IOException {
    long numel = 600_000_000L; // 2.4 GB of F32
    Path file = sparseFile("{\"huge\":{\"dtype\":\"F32\",\"shape\":[" + numel
        + "],\"data_offsets\":[0," + 4 * numel + "]}}", 4 * numel, new float[0]);

    IOException e = assertThrows(MalformedCheckpointException.class, () -> SafetensorsFile.read(file));

    assertEquals("safetensors file " + file + ": tensor huge holds 2400000000 bytes; xent maps"
        + " tensors of at most 2147483647 bytes (2 GiB) each", e.getMessage());
  }

  /** A sparse file of {@code dataBytes} data whose last bytes are {@code tail}. */
  private Path sparseFile(String header, long dataBytes, float[] tail) throws IOException {
    byte[] json = header.getBytes(StandardCharsets.UTF_8);
    Path file = Files.createTempFile(dir, "sparse", ".safetensors");
    try (java.io.RandomAccessFile out = new java.io.RandomAccessFile(file.toFile(), "rw")) {
      out.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(json.length).array());
      out.write(json);
      out.setLength(8 + json.length + dataBytes);
      ByteBuffer last = ByteBuffer.allocate(4 * tail.length).order(ByteOrder.LITTLE_ENDIAN);
      for (float v : tail) {
        last.putFloat(v);
      }
      out.seek(8 + json.length + dataBytes - 4L * tail.length);
      out.write(last.array());
    }
    return file;
  }

  /** A file with the given header text followed by {@code dataBytes} zero bytes. */
  private Path rawFile(String header, int dataBytes) throws IOException {
    byte[] json = header.getBytes(StandardCharsets.UTF_8);
    ByteBuffer bytes = ByteBuffer.allocate(8 + json.length + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
    bytes.putLong(json.length).put(json);
    Path file = Files.createTempFile(dir, "raw", ".safetensors");
    Files.write(file, bytes.array());
    return file;
  }
}

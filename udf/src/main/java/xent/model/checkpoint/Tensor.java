package xent.model.checkpoint;

import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.ByteOrder;
import java.nio.IntBuffer;
import java.nio.ShortBuffer;
import java.util.Arrays;

/**
 * One named tensor of a checkpoint: its raw little-endian bytes, usually a memory-mapped slice.
 *
 * @param name the tensor's name in the checkpoint's own naming (Hugging Face names)
 * @param dtype element type of {@code data}
 * @param shape dimensions, outermost first
 * @param data exactly {@code numel * dtype.bytes()} bytes, position 0, little-endian
 * @param mapping the file mapping {@code data} is, or null when it is not a mapping of its own
 */
public record Tensor(String name, DType dtype, long[] shape, ByteBuffer data, MappedByteBuffer mapping) {

  public Tensor {
    long expected = Arrays.stream(shape).reduce(1, Math::multiplyExact) * dtype.bytes();
    if (data.remaining() != expected) {
      throw new IllegalArgumentException(
          "tensor " + name + " " + Arrays.toString(shape) + " " + dtype + " needs " + expected
              + " bytes, found " + data.remaining());
    }
    data = data.slice().order(ByteOrder.LITTLE_ENDIAN);
  }

  /** A float32 tensor holding {@code values} (row-major, shape outermost first). */
  /** A tensor over {@code data}, held in memory (not a file mapping of its own). */
  public Tensor(String name, DType dtype, long[] shape, ByteBuffer data) {
    this(name, dtype, shape, data, null);
  }

  /** A tensor that is the whole of one file mapping, which {@link #unmap} can release early. */
  public static Tensor mapped(String name, DType dtype, long[] shape, MappedByteBuffer mapping) {
    return new Tensor(name, dtype, shape, mapping, mapping);
  }

  /**
   * Releases this tensor's file mapping now instead of at some later garbage collection, so that
   * its pages stop counting as resident memory once the engine holds a copy. The tensor must not
   * be read afterwards (its memory is gone); the caller is its last reader. No-op when the tensor
   * is not a mapping of its own.
   */
  public void unmap() {
    if (mapping != null) {
      MappingRelease.release(mapping);
    }
  }

  public static Tensor f32(String name, long[] shape, float[] values) {
    ByteBuffer data = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    data.asFloatBuffer().put(values);
    return new Tensor(name, DType.F32, shape.clone(), data);
  }

  /** Number of elements. */
  public long numel() {
    return Arrays.stream(shape).reduce(1, Math::multiplyExact);
  }

  /** The values widened to float32, as a direct little-endian buffer ready for the engine. */
  public ByteBuffer toFloat32() {
    if (dtype == DType.F32) {
      return data.duplicate().order(ByteOrder.LITTLE_ENDIAN);
    }
    long n = numel();
    ByteBuffer out = ByteBuffer.allocateDirect(Math.toIntExact(n * 4)).order(ByteOrder.LITTLE_ENDIAN);
    ByteBuffer in = data.duplicate().order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < n; i++) {
      short bits = in.getShort(2 * i);
      out.putFloat(4 * i, dtype == DType.BF16 ? bf16ToFloat(bits) : f16ToFloat(bits));
    }
    return out;
  }

  /** The values as a Java float array (for references and small tensors). */
  public float[] toFloatArray() {
    ByteBuffer f32 = toFloat32();
    float[] out = new float[Math.toIntExact(numel())];
    f32.asFloatBuffer().get(out);
    return out;
  }

  /**
   * Flat index of the first NaN or infinity, or -1 when every value is finite. Tests the exponent
   * bits in place, so a memory-mapped tensor is scanned without widening it.
   */
  public long firstNonFinite() {
    ByteBuffer in = data.duplicate().order(ByteOrder.LITTLE_ENDIAN);
    if (dtype == DType.F32) {
      IntBuffer values = in.asIntBuffer();
      for (int i = 0, n = values.limit(); i < n; i++) {
        if ((values.get(i) & 0x7f800000) == 0x7f800000) {
          return i;
        }
      }
      return -1;
    }
    int exponent = dtype == DType.BF16 ? 0x7f80 : 0x7c00;
    ShortBuffer values = in.asShortBuffer();
    for (int i = 0, n = values.limit(); i < n; i++) {
      if ((values.get(i) & exponent) == exponent) {
        return i;
      }
    }
    return -1;
  }

  /** bfloat16 is the upper half of a float32. */
  static float bf16ToFloat(short bits) {
    return Float.intBitsToFloat((bits & 0xffff) << 16);
  }

  /**
   * IEEE 754 half to float. Written by hand because Java 17 has no Float.float16ToFloat (Java 20+)
   * and DJL's PyTorch engine cannot be trusted with 16-bit arrays on every CPU build.
   */
  static float f16ToFloat(short bits) {
    int h = bits & 0xffff;
    int sign = (h & 0x8000) << 16;
    int exponent = (h >>> 10) & 0x1f;
    int mantissa = h & 0x3ff;
    if (exponent == 0x1f) {
      return Float.intBitsToFloat(sign | 0x7f800000 | (mantissa << 13));
    }
    if (exponent == 0) {
      if (mantissa == 0) {
        return Float.intBitsToFloat(sign);
      }
      // Subnormal half: value = mantissa * 2^-24.
      float value = mantissa * 0x1p-24f;
      return sign == 0 ? value : -value;
    }
    return Float.intBitsToFloat(sign | ((exponent + 112) << 23) | (mantissa << 13));
  }

  @Override
  public String toString() {
    return name + Arrays.toString(shape) + " " + dtype;
  }
}

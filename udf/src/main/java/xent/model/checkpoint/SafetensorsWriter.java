package xent.model.checkpoint;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes tensors as a {@code .safetensors} file, or as a Hugging Face sharded set
 * ({@code model-00001-of-0000N.safetensors} plus {@code model.safetensors.index.json}).
 *
 * <pre>
 * new SafetensorsWriter()
 *     .add("model.norm.weight", DType.F32, new long[] {64}, values)
 *     .write(folder.resolve("model.safetensors"));
 * </pre>
 *
 * <p>Values are encoded when added, rounding to nearest-even for F16 and BF16. The header carries
 * {@code __metadata__ {"format": "pt"}} as PyTorch exports do and is padded with spaces to a
 * multiple of 8 bytes so that the data region is aligned.
 */
public final class SafetensorsWriter {

  /** Name of the index file of a sharded set. */
  public static final String INDEX_FILE = "model.safetensors.index.json";

  private final Map<String, Tensor> tensors = new LinkedHashMap<>();

  /** Adds a tensor, encoding {@code values} (row-major, {@code shape} outermost first). */
  public SafetensorsWriter add(String name, DType dtype, long[] shape, float[] values) {
    long numel = Arrays.stream(shape).reduce(1, Math::multiplyExact);
    if (numel != values.length) {
      throw new IllegalArgumentException("tensor " + name + " has shape " + Arrays.toString(shape)
          + " (" + numel + " values) but " + values.length + " values were given");
    }
    ByteBuffer data = ByteBuffer.allocate(values.length * dtype.bytes()).order(ByteOrder.LITTLE_ENDIAN);
    for (float v : values) {
      switch (dtype) {
        case F32 -> data.putFloat(v);
        case F16 -> data.putShort(toF16(v));
        case BF16 -> data.putShort(toBf16(v));
      }
    }
    return add(new Tensor(name, dtype, shape.clone(), data.flip()));
  }

  /** Adds a tensor as it is (for instance one read from another checkpoint). */
  public SafetensorsWriter add(Tensor tensor) {
    if (tensor.name().equals("__metadata__")) {
      throw new IllegalArgumentException("__metadata__ is reserved and cannot name a tensor");
    }
    if (tensors.putIfAbsent(tensor.name(), tensor) != null) {
      throw new IllegalArgumentException("tensor " + tensor.name() + " was already added");
    }
    return this;
  }

  /** Writes every added tensor to {@code file}, replacing it. */
  public void write(Path file) throws IOException {
    write(file, List.copyOf(tensors.values()));
  }

  /**
   * Writes the tensors into {@code shards} files in {@code folder} (created if needed), each
   * holding a contiguous run of tensors of roughly equal bytes, plus the index naming each
   * tensor's file.
   */
  public void writeSharded(Path folder, int shards) throws IOException {
    List<Tensor> all = List.copyOf(tensors.values());
    if (shards < 1 || shards > all.size()) {
      throw new IllegalArgumentException(
          "cannot write " + all.size() + " tensors into " + shards + " shards (1.." + all.size() + ")");
    }
    long total = all.stream().mapToLong(t -> t.data().remaining()).sum();
    List<List<Tensor>> groups = new ArrayList<>();
    groups.add(new ArrayList<>());
    long written = 0;
    for (int i = 0; i < all.size(); i++) {
      List<Tensor> current = groups.get(groups.size() - 1);
      int laterShards = shards - groups.size();
      boolean onePerLaterShard = all.size() - i == laterShards;
      boolean shardFull = written >= total * groups.size() / shards;
      if (!current.isEmpty() && laterShards > 0 && (onePerLaterShard || shardFull)) {
        groups.add(new ArrayList<>());
      }
      groups.get(groups.size() - 1).add(all.get(i));
      written += all.get(i).data().remaining();
    }

    Files.createDirectories(folder);
    JsonObject weightMap = new JsonObject();
    for (int s = 0; s < shards; s++) {
      String name = String.format("model-%05d-of-%05d.safetensors", s + 1, shards);
      write(folder.resolve(name), groups.get(s));
      groups.get(s).forEach(t -> weightMap.addProperty(t.name(), name));
    }
    JsonObject metadata = new JsonObject();
    metadata.addProperty("total_size", total);
    JsonObject index = new JsonObject();
    index.add("metadata", metadata);
    index.add("weight_map", weightMap);
    Files.writeString(folder.resolve(INDEX_FILE),
        new GsonBuilder().setPrettyPrinting().create().toJson(index), StandardCharsets.UTF_8);
  }

  private static void write(Path file, List<Tensor> tensors) throws IOException {
    JsonObject header = new JsonObject();
    JsonObject metadata = new JsonObject();
    metadata.addProperty("format", "pt");
    header.add("__metadata__", metadata);
    long offset = 0;
    for (Tensor t : tensors) {
      JsonObject entry = new JsonObject();
      entry.addProperty("dtype", t.dtype().name());
      JsonArray shape = new JsonArray();
      Arrays.stream(t.shape()).forEach(shape::add);
      entry.add("shape", shape);
      JsonArray offsets = new JsonArray();
      offsets.add(offset);
      offsets.add(offset + t.data().remaining());
      entry.add("data_offsets", offsets);
      header.add(t.name(), entry);
      offset += t.data().remaining();
    }
    byte[] json = header.toString().getBytes(StandardCharsets.UTF_8);
    int padded = (json.length + 7) / 8 * 8;
    ByteBuffer head = ByteBuffer.allocate(8 + padded).order(ByteOrder.LITTLE_ENDIAN);
    head.putLong(padded).put(json);
    while (head.hasRemaining()) {
      head.put((byte) ' ');
    }
    try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE,
        StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
      writeFully(out, head.flip());
      for (Tensor t : tensors) {
        writeFully(out, t.data().duplicate());
      }
    }
  }

  private static void writeFully(FileChannel out, ByteBuffer data) throws IOException {
    while (data.hasRemaining()) {
      out.write(data);
    }
  }

  /** float32 to bfloat16, rounding to nearest-even; NaN stays a (quiet) NaN. */
  static short toBf16(float value) {
    int bits = Float.floatToRawIntBits(value);
    if (Float.isNaN(value)) {
      return (short) ((bits >>> 16) | 0x0040);
    }
    int roundingBias = 0x7fff + ((bits >>> 16) & 1);
    return (short) ((bits + roundingBias) >>> 16);
  }

  /** float32 to IEEE half, rounding to nearest-even; overflow gives infinity. */
  static short toF16(float value) {
    int bits = Float.floatToRawIntBits(value);
    int sign = (bits >>> 16) & 0x8000;
    int exponent = (bits >>> 23) & 0xff;
    int mantissa = bits & 0x7fffff;
    if (exponent == 0xff) {
      return (short) (sign | 0x7c00 | (mantissa != 0 ? 0x200 | (mantissa >>> 13) : 0));
    }
    int halfExponent = exponent - 127 + 15;
    if (halfExponent >= 0x1f) {
      return (short) (sign | 0x7c00);
    }
    if (halfExponent <= 0) {
      if (halfExponent < -10) {
        return (short) sign; // below half the smallest subnormal: rounds to zero
      }
      // Subnormal half: count units of 2^-24 from the 24-bit significand.
      int significand = mantissa | 0x800000;
      int shift = 14 - halfExponent;
      return (short) (sign | roundNearestEven(significand, shift));
    }
    // A carry out of the mantissa correctly bumps the exponent (up to infinity).
    return (short) (sign | ((halfExponent << 10) + roundNearestEven(mantissa, 13)));
  }

  private static int roundNearestEven(int value, int shift) {
    int kept = value >>> shift;
    int rest = value & ((1 << shift) - 1);
    int half = 1 << (shift - 1);
    return rest > half || (rest == half && (kept & 1) == 1) ? kept + 1 : kept;
  }
}

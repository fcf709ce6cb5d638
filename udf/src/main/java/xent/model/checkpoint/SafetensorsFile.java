package xent.model.checkpoint;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One {@code .safetensors} file, memory-mapped: an 8-byte little-endian header length N, a JSON
 * header of N bytes ({@code {name: {dtype, shape, data_offsets: [begin, end]}, "__metadata__":
 * {...}}}), then the data region, whose offsets the header gives relative to byte 8 + N.
 *
 * <p>Each tensor is mapped on its own, so files over 2 GB read fine; a single tensor over 2 GB
 * does not fit a {@link ByteBuffer} and is refused by name. The header is checked as strictly as
 * the reference implementation: offsets must tile the data region exactly, in some order, and
 * agree with shape times element size.
 *
 * @param file the file read, for error messages
 * @param metadata the {@code __metadata__} strings (empty when absent)
 * @param tensors the tensors in data order, each a read-only mapped slice
 */
public record SafetensorsFile(Path file, Map<String, String> metadata, Map<String, Tensor> tensors) {

  /** Longest header accepted, as in the reference implementation. */
  static final long MAX_HEADER_BYTES = 100_000_000L;

  public SafetensorsFile {
    metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
    tensors = Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
  }

  /** A tensor's entry in the header; offsets are relative to the data region. */
  private record Entry(String name, DType dtype, long[] shape, long begin, long end) {}

  /** Reads the header of {@code file} and maps every tensor it lists. */
  public static SafetensorsFile read(Path file) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = channel.size();
      if (size < 8) {
        throw malformed(file, "only " + size + " bytes, too short for the 8-byte header length");
      }
      long headerLength = readFully(file, channel, 0, 8).getLong(0);
      if (headerLength < 0 || headerLength > size - 8) {
        throw malformed(file, "header length says " + Long.toUnsignedString(headerLength)
            + " bytes but only " + (size - 8) + " bytes follow it (truncated, or not a"
            + " safetensors file)");
      }
      if (headerLength > MAX_HEADER_BYTES) {
        throw malformed(file, "header length " + headerLength + " exceeds the "
            + MAX_HEADER_BYTES + " bytes safetensors allows");
      }
      ByteBuffer headerBytes = readFully(file, channel, 8, (int) headerLength);
      JsonObject header = parseHeader(file, StandardCharsets.UTF_8.decode(headerBytes).toString());

      Map<String, String> metadata = new LinkedHashMap<>();
      List<Entry> entries = new ArrayList<>();
      for (Map.Entry<String, JsonElement> field : header.entrySet()) {
        if (field.getKey().equals("__metadata__")) {
          metadata.putAll(parseMetadata(file, field.getValue()));
        } else {
          entries.add(parseEntry(file, field.getKey(), field.getValue()));
        }
      }
      long dataStart = 8 + headerLength;
      checkTiling(file, entries, size - dataStart);

      Map<String, Tensor> tensors = new LinkedHashMap<>();
      for (Entry e : entries) {
        long length = e.end() - e.begin();
        if (length > Integer.MAX_VALUE) {
          throw malformed(file, "tensor " + e.name() + " holds " + length + " bytes; xent maps"
              + " tensors of at most " + Integer.MAX_VALUE + " bytes (2 GiB) each");
        }
        MappedByteBuffer data = channel.map(FileChannel.MapMode.READ_ONLY, dataStart + e.begin(), length);
        tensors.put(e.name(), Tensor.mapped(e.name(), e.dtype(), e.shape(), data));
      }
      return new SafetensorsFile(file, metadata, tensors);
    }
  }

  private static JsonObject parseHeader(Path file, String text) throws MalformedCheckpointException {
    JsonElement parsed;
    try {
      parsed = JsonParser.parseString(text);
    } catch (JsonParseException e) {
      throw new MalformedCheckpointException(
          "safetensors file " + file + ": header is not valid JSON: " + e.getMessage(), e);
    }
    if (!parsed.isJsonObject()) {
      throw malformed(file, "header is not a JSON object");
    }
    return parsed.getAsJsonObject();
  }

  private static Map<String, String> parseMetadata(Path file, JsonElement element)
      throws MalformedCheckpointException {
    if (!element.isJsonObject()) {
      throw malformed(file, "__metadata__ is not a JSON object");
    }
    Map<String, String> metadata = new LinkedHashMap<>();
    for (Map.Entry<String, JsonElement> e : element.getAsJsonObject().entrySet()) {
      if (!e.getValue().isJsonPrimitive() || !e.getValue().getAsJsonPrimitive().isString()) {
        throw malformed(file, "__metadata__ value of '" + e.getKey() + "' is not a string");
      }
      metadata.put(e.getKey(), e.getValue().getAsString());
    }
    return metadata;
  }

  private static Entry parseEntry(Path file, String name, JsonElement element)
      throws MalformedCheckpointException {
    String where = "tensor " + name;
    if (!element.isJsonObject()) {
      throw malformed(file, where + " is not a JSON object");
    }
    JsonObject o = element.getAsJsonObject();
    JsonElement dtypeName = o.get("dtype");
    if (dtypeName == null || !dtypeName.isJsonPrimitive()) {
      throw malformed(file, where + " has no dtype");
    }
    DType dtype;
    try {
      dtype = DType.fromSafetensors(dtypeName.getAsString(), name);
    } catch (IllegalArgumentException e) {
      throw malformed(file, e.getMessage());
    }
    long[] shape = longs(file, where, "shape", o.get("shape"));
    long[] offsets = longs(file, where, "data_offsets", o.get("data_offsets"));
    if (offsets.length != 2 || offsets[0] > offsets[1]) {
      throw malformed(file, where + " has data_offsets " + Arrays.toString(offsets)
          + ", expected [begin, end] with begin <= end");
    }
    long bytes;
    try {
      bytes = Math.multiplyExact(Arrays.stream(shape).reduce(1, Math::multiplyExact), dtype.bytes());
    } catch (ArithmeticException e) {
      throw malformed(file, where + " has shape " + Arrays.toString(shape) + " too large to address");
    }
    if (offsets[1] - offsets[0] != bytes) {
      throw malformed(file, where + " has data_offsets " + Arrays.toString(offsets) + " ("
          + (offsets[1] - offsets[0]) + " bytes) but shape " + Arrays.toString(shape) + " "
          + dtype + " needs " + bytes + " bytes");
    }
    return new Entry(name, dtype, shape, offsets[0], offsets[1]);
  }

  /** A JSON array of non-negative integers. */
  private static long[] longs(Path file, String where, String field, JsonElement element)
      throws MalformedCheckpointException {
    if (element == null || !element.isJsonArray()) {
      throw malformed(file, where + " has no " + field + " array");
    }
    long[] values = new long[element.getAsJsonArray().size()];
    for (int i = 0; i < values.length; i++) {
      JsonElement v = element.getAsJsonArray().get(i);
      try {
        values[i] = new BigDecimal(v.getAsJsonPrimitive().getAsString()).longValueExact();
      } catch (RuntimeException e) {
        throw malformed(file, where + " has " + field + " " + element + "; expected integers");
      }
      if (values[i] < 0) {
        throw malformed(file, where + " has negative " + field + " " + element);
      }
    }
    return values;
  }

  /** Tensors must cover the data region exactly, without gaps or overlaps. */
  private static void checkTiling(Path file, List<Entry> entries, long dataLength)
      throws MalformedCheckpointException {
    entries.sort(Comparator.comparingLong(Entry::begin).thenComparingLong(Entry::end));
    long begin = 0;
    long end = 0;
    String previous = null;
    for (Entry e : entries) {
      if (e.begin() != end) {
        throw malformed(file, "header lies about offsets: tensor " + e.name() + " begins at data"
            + " byte " + e.begin() + " but " + (previous == null ? "the data region starts at 0"
                : "tensor " + previous + " ends at " + end));
      }
      begin = e.begin();
      end = e.end();
      previous = e.name();
    }
    if (end > dataLength) {
      throw malformed(file, "truncated: the header places tensor " + previous + " at data bytes ["
          + begin + ", " + end + ") but the data region holds only " + dataLength + " bytes");
    }
    if (end < dataLength) {
      throw malformed(file, (dataLength - end) + " bytes follow the last tensor (the header covers "
          + end + " of " + dataLength + " data bytes)");
    }
  }

  private static ByteBuffer readFully(Path file, FileChannel channel, long position, int length)
      throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
    while (buffer.hasRemaining()) {
      if (channel.read(buffer, position + buffer.position()) < 0) {
        throw malformed(file, "ended while reading bytes " + position + ".." + (position + length));
      }
    }
    return buffer.flip();
  }

  private static MalformedCheckpointException malformed(Path file, String rule) {
    return new MalformedCheckpointException("safetensors file " + file + ": " + rule);
  }
}

package xent.scoring;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import org.apache.spark.sql.Row;

/** One line of a JSONL file turned into a row of {@link Corpus#SCHEMA}. */
final class JsonlLine {

  private final CorpusFile file;
  private final CorpusOptions options;

  JsonlLine(CorpusFile file, CorpusOptions options) {
    this.file = file;
    this.options = options;
  }

  /** The row for {@code line} (raw bytes, no line terminator), or null for a blank line. */
  Row toRow(byte[] bytes, int length, long line) {
    int start = 0;
    if (line == 1 && length >= 3
        && bytes[0] == (byte) 0xEF && bytes[1] == (byte) 0xBB && bytes[2] == (byte) 0xBF) {
      start = 3; // a UTF-8 byte order mark opens the file, not the document
    }
    if (blank(bytes, start, length)) {
      return null;
    }
    long invalid = Utf8Text.firstInvalidByte(bytes, start, length - start);
    if (invalid >= 0) {
      return reject(bytes, length, line, lossyId(bytes, start, length),
          "line " + line + ": invalid UTF-8 at byte " + (start + invalid));
    }
    JsonObject object;
    try {
      object = parseObject(new String(bytes, start, length - start, StandardCharsets.UTF_8));
    } catch (IOException | JsonParseException | IllegalStateException e) {
      return reject(bytes, length, line, null,
          "line " + line + " is not a JSON object: " + e.getMessage());
    }

    String id;
    String domain;
    try {
      id = scalar(object, options.idCol(), "id");
      domain = scalar(object, options.domainCol(), "domain");
    } catch (IllegalArgumentException e) {
      return reject(bytes, length, line, null, "line " + line + ": " + e.getMessage());
    }
    JsonElement text = object.get(options.textCol());
    String problem = textProblem(text);
    if (problem != null) {
      return reject(bytes, length, line, id, domain, "line " + line + ": " + problem);
    }
    String value = text.getAsString();
    byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
    String docId = id != null ? id : DocumentIds.stable(file.name(), line, utf8, 0, utf8.length);
    return Corpus.good(docId, domain, value, utf8.length, file.path(), line);
  }

  private static JsonObject parseObject(String json) throws IOException {
    JsonReader reader = new JsonReader(new StringReader(json));
    reader.setStrictness(Strictness.STRICT);
    JsonElement element = JsonParser.parseReader(reader);
    if (reader.peek() != JsonToken.END_DOCUMENT) {
      throw new JsonParseException("text after the JSON value at " + reader.getPath());
    }
    if (!element.isJsonObject()) {
      throw new JsonParseException("found " + kind(element));
    }
    return element.getAsJsonObject();
  }

  /** The id of a line with invalid UTF-8, read with replacement chars, so its reject is findable. */
  private String lossyId(byte[] bytes, int start, int length) {
    try {
      String id = scalar(parseObject(new String(bytes, start, length - start, StandardCharsets.UTF_8)),
          options.idCol(), "id");
      return id == null || id.indexOf('\uFFFD') >= 0 ? null : id;
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  private String textProblem(JsonElement text) {
    String field = "text field '" + options.textCol() + "'";
    if (text == null) {
      return field + " is missing";
    }
    if (text.isJsonNull()) {
      return field + " is null";
    }
    if (!text.isJsonPrimitive() || !text.getAsJsonPrimitive().isString()) {
      return field + " is " + kind(text) + ", expected a string";
    }
    int surrogate = Utf8Text.firstLoneSurrogate(text.getAsString());
    return surrogate < 0 ? null
        : field + " has a lone surrogate at char " + surrogate + " (not encodable as UTF-8)";
  }

  /** A string or number field as a string (numbers as written), null when absent or null. */
  private static String scalar(JsonObject object, String name, String role) {
    JsonElement value = object.get(name);
    if (value == null || value.isJsonNull()) {
      return null;
    }
    if (value.isJsonPrimitive()) {
      JsonPrimitive p = value.getAsJsonPrimitive();
      if (p.isString() || p.isNumber()) {
        return p.getAsString();
      }
    }
    throw new IllegalArgumentException(
        role + " field '" + name + "' is " + kind(value) + ", expected a string or a number");
  }

  private static String kind(JsonElement e) {
    if (e.isJsonObject()) {
      return "an object";
    }
    if (e.isJsonArray()) {
      return "an array";
    }
    if (e.isJsonNull()) {
      return "null";
    }
    JsonPrimitive p = e.getAsJsonPrimitive();
    return p.isBoolean() ? "a boolean" : p.isNumber() ? "a number" : "a string";
  }

  private Row reject(byte[] bytes, int length, long line, String id, String reason) {
    return reject(bytes, length, line, id, null, reason);
  }

  private Row reject(byte[] bytes, int length, long line, String id, String domain, String reason) {
    String docId = id != null ? id : DocumentIds.stable(file.name(), line, bytes, 0, length);
    return Corpus.rejected(docId, domain, file.path(), line, reason);
  }

  private static boolean blank(byte[] bytes, int from, int to) {
    for (int i = from; i < to; i++) {
      byte b = bytes[i];
      if (b != ' ' && b != '\t' && b != '\r' && b != '\n' && b != '\f') {
        return false;
      }
    }
    return true;
  }
}

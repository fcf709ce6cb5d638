package xent.table;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * JSON that strict readers (jq, browsers, Python's json with parse_constant) accept: JSON has no
 * NaN or Infinity, so a non-finite number becomes null, and the object holding it gets a
 * {@code KEY_reason} saying what the value was (for an array, which elements).
 */
public final class StrictJson {

  /** Turns objects into trees keeping NaN and Infinity, so that {@link #strict} can name them. */
  private static final Gson TREE = new GsonBuilder().serializeSpecialFloatingPointValues().create();

  private StrictJson() {}

  /** {@code value} (a record, a list of records, a map) as a JSON tree, non-finite numbers kept. */
  public static JsonElement tree(Object value) {
    return TREE.toJsonTree(value);
  }

  /** Writes {@code json} to {@code file}, pretty, strict, with a final newline. */
  public static void write(Path file, JsonElement json) throws IOException {
    Files.writeString(file, toJson(json, true) + "\n", StandardCharsets.UTF_8);
  }

  /** {@code json} as text, non-finite numbers replaced (the tree itself is not changed). */
  public static String toJson(JsonElement json, boolean pretty) {
    GsonBuilder gson = new GsonBuilder().disableHtmlEscaping().serializeNulls(); // a null is the value written
    return (pretty ? gson.setPrettyPrinting() : gson).create().toJson(strict(json));
  }

  /** A copy of {@code json} with every non-finite number replaced by null and its reason. */
  public static JsonElement strict(JsonElement json) {
    if (json.isJsonObject()) {
      JsonObject out = new JsonObject();
      for (Map.Entry<String, JsonElement> e : json.getAsJsonObject().entrySet()) {
        JsonElement value = e.getValue();
        if (nonFinite(value)) {
          out.add(e.getKey(), JsonNull.INSTANCE);
          out.addProperty(e.getKey() + "_reason", "not finite: " + value.getAsDouble());
        } else {
          out.add(e.getKey(), strict(value));
          List<Integer> bad = nonFiniteElements(value);
          if (!bad.isEmpty()) {
            out.addProperty(e.getKey() + "_reason", "not finite at index " + bad + ": written as null");
          }
        }
      }
      return out;
    }
    if (json.isJsonArray()) {
      JsonArray out = new JsonArray();
      for (JsonElement element : json.getAsJsonArray()) {
        out.add(nonFinite(element) ? JsonNull.INSTANCE : strict(element));
      }
      return out;
    }
    return json;
  }

  private static boolean nonFinite(JsonElement e) {
    if (!e.isJsonPrimitive()) {
      return false;
    }
    JsonPrimitive p = e.getAsJsonPrimitive();
    return p.isNumber() && !Double.isFinite(p.getAsDouble());
  }

  private static List<Integer> nonFiniteElements(JsonElement e) {
    List<Integer> bad = new ArrayList<>();
    if (e.isJsonArray()) {
      JsonArray array = e.getAsJsonArray();
      for (int i = 0; i < array.size(); i++) {
        if (nonFinite(array.get(i))) {
          bad.add(i);
        }
      }
    }
    return bad;
  }
}

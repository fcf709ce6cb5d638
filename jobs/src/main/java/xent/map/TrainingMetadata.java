package xent.map;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The map's metadata columns for a model, from DIR/NAME/training.json (written by xent train):
 * family, parameters, tokens, step, domain (the domain with at least half the mixture weight, else
 * "mixture") and the weights as text. Models without the file get empty columns.
 */
public final class TrainingMetadata {

  /** The metadata columns, in order. */
  public static final List<String> COLUMNS = List.of("family", "parameters", "tokens", "step", "domain", "weights");

  private TrainingMetadata() {}

  /** Column name to value (String or Long, null when unknown) for {@code model}; all null without a folder. */
  public static Map<String, Object> of(Path modelDirs, String model) throws IOException {
    Map<String, Object> out = new LinkedHashMap<>();
    COLUMNS.forEach(c -> out.put(c, null));
    if (modelDirs == null) {
      return out;
    }
    Path file = modelDirs.resolve(model).resolve("training.json");
    if (!Files.isRegularFile(file)) {
      return out;
    }
    JsonObject json;
    try {
      json = JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8)).getAsJsonObject();
    } catch (RuntimeException e) {
      throw new IOException(file + " is not a JSON object: " + e.getMessage(), e);
    }
    out.put("family", text(json.get("family")));
    out.put("parameters", number(json.get("parameters")));
    out.put("tokens", number(json.get("tokens")));
    out.put("step", number(json.get("step")));
    JsonObject data = json.has("data") && json.get("data").isJsonObject() ? json.getAsJsonObject("data") : null;
    JsonObject mixture = data != null && data.has("mixture") && data.get("mixture").isJsonObject()
        ? data.getAsJsonObject("mixture") : null;
    if (mixture != null) {
      Map<String, Double> weights = new TreeMap<>();
      mixture.entrySet().forEach(e -> weights.put(e.getKey(), e.getValue().getAsDouble()));
      String domain = "mixture";
      for (Map.Entry<String, Double> e : weights.entrySet()) {
        if (e.getValue() >= 0.5) {
          domain = e.getKey();
        }
      }
      out.put("domain", domain);
      StringBuilder text = new StringBuilder();
      weights.forEach((k, v) -> text.append(text.length() == 0 ? "" : ",").append(k).append('=')
          .append(String.format(java.util.Locale.ROOT, "%.3f", v)));
      out.put("weights", text.toString());
    }
    return out;
  }

  private static String text(JsonElement e) {
    return e == null || e.isJsonNull() ? null : e.getAsString();
  }

  private static Long number(JsonElement e) {
    return e == null || e.isJsonNull() ? null : e.getAsLong();
  }
}

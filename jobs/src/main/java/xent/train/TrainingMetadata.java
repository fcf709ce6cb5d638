package xent.train;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * A checkpoint's {@code training.json} as {@link TrainingRecord} wrote it, read back: size, data,
 * compute, step, the learning rate and training loss of every step, and the data mixture.
 *
 * @param mixture domain weights of the training data (empty when the data was not mixed by domain)
 */
public record TrainingMetadata(String family, long parameters, long nonEmbeddingParameters, int step,
    int steps, long tokens, double flops, double[] learningRates, double[] losses,
    Map<String, Double> mixture) {

  public static TrainingMetadata read(Path file) throws IOException {
    JsonObject json;
    try {
      json = JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8)).getAsJsonObject();
    } catch (RuntimeException e) {
      throw new IOException(file + ": not a JSON object: " + e.getMessage(), e);
    }
    for (String key : new String[] {"family", "parameters", "non_embedding_parameters", "step", "steps",
        "tokens", "flops", "learning_rate", "loss"}) {
      if (!json.has(key)) {
        throw new IOException(file + ": no key '" + key + "' (expected a training.json of xent train)");
      }
    }
    TrainingMetadata metadata = new TrainingMetadata(json.get("family").getAsString(),
        json.get("parameters").getAsLong(), json.get("non_embedding_parameters").getAsLong(),
        json.get("step").getAsInt(), json.get("steps").getAsInt(), json.get("tokens").getAsLong(),
        json.get("flops").getAsDouble(), doubles(json.getAsJsonArray("learning_rate")),
        doubles(json.getAsJsonArray("loss")), mixture(json));
    if (metadata.learningRates.length < metadata.step) {
      throw new IOException(file + ": learning_rate has " + metadata.learningRates.length
          + " values, fewer than step " + metadata.step);
    }
    return metadata;
  }

  private static double[] doubles(JsonArray array) {
    double[] values = new double[array.size()];
    int i = 0;
    for (JsonElement e : array) {
      values[i++] = e.getAsDouble();
    }
    return values;
  }

  /** The domain with at least half of the mixture's weight, else "mixture"; null without one. */
  public String dominantDomain() {
    if (mixture.isEmpty()) {
      return null;
    }
    for (Map.Entry<String, Double> e : mixture.entrySet()) {
      if (e.getValue() >= 0.5) {
        return e.getKey();
      }
    }
    return "mixture";
  }

  /** data.mixture of training.json, by domain name. */
  private static Map<String, Double> mixture(JsonObject json) {
    Map<String, Double> weights = new TreeMap<>();
    JsonObject data = json.has("data") && json.get("data").isJsonObject() ? json.getAsJsonObject("data") : null;
    if (data != null && data.has("mixture") && data.get("mixture").isJsonObject()) {
      data.getAsJsonObject("mixture").entrySet().forEach(e -> weights.put(e.getKey(), e.getValue().getAsDouble()));
    }
    return weights;
  }
}

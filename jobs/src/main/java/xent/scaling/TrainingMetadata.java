package xent.scaling;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What a scaling dataset needs from a checkpoint's {@code training.json} (written by {@code xent
 * train}): size, data, compute, step and the learning rate and training loss of every step.
 */
public record TrainingMetadata(String family, long parameters, long nonEmbeddingParameters, int step,
    int steps, long tokens, double flops, double[] learningRates, double[] losses) {

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
        doubles(json.getAsJsonArray("loss")));
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

  public LearningRateAreas areas() {
    return LearningRateAreas.of(learningRates);
  }
}

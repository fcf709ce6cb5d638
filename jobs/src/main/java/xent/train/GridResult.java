package xent.train;

import com.google.gson.Gson;
import com.google.gson.JsonParseException;
import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One trained configuration of a grid, as the driver reports it.
 *
 * @param name the run's folder under the grid's output
 * @param group scaling, expert or mixture
 * @param mixture sampling weight of each domain
 * @param parameters non-embedding parameters N
 * @param tokens tokens seen D
 * @param flops 6 N D
 * @param trainLoss mean training loss of the last 10 steps
 * @param validLoss final validation loss per domain (and over all under "*"), empty without
 *     a validation corpus
 * @param tokensPerSecond training throughput
 * @param wallSeconds seconds in training steps
 */
public record GridResult(String name, String group, Map<String, Double> mixture, long parameters,
    long tokens, double flops, double trainLoss, Map<String, Double> validLoss,
    double tokensPerSecond, double wallSeconds) implements Serializable {

  /** The runs of a grid.json that {@link TrainGridJob} wrote, in the grid's order. */
  public static List<GridResult> readAll(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new IOException(file + " does not exist (expected the grid.json of xent train-grid)");
    }
    try {
      GridResult[] runs = new Gson().fromJson(Files.readString(file, StandardCharsets.UTF_8), GridResult[].class);
      if (runs == null || runs.length == 0) {
        throw new IOException(file + ": no runs (expected the grid.json of xent train-grid)");
      }
      return List.of(runs);
    } catch (JsonParseException e) {
      throw new IOException(file + ": not a grid.json of xent train-grid: " + e.getMessage(), e);
    }
  }

  static GridResult of(GridPlan.Run run, TrainingRecord record) {
    float[] losses = record.losses();
    double tail = 0;
    int n = Math.min(10, losses.length);
    for (int i = losses.length - n; i < losses.length; i++) {
      tail += losses[i] / n;
    }
    Map<String, Double> valid = record.validation().isEmpty() ? Map.of()
        : record.validation().get(record.validation().size() - 1).loss();
    // Sorted maps: Map.copyOf iterates in a per-JVM random order, so grid.json would differ between runs.
    return new GridResult(run.name(), run.group(), sorted(record.mixture()),
        record.config().nonEmbeddingParameters(), record.tokens(), record.flops(), tail,
        sorted(valid), record.tokensPerSecond(), record.wallSeconds());
  }

  private static Map<String, Double> sorted(Map<String, Double> map) {
    return Collections.unmodifiableSortedMap(new TreeMap<>(map));
  }
}

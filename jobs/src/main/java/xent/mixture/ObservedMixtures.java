package xent.mixture;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.sum;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.csv.CSVPrinter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import xent.scoring.ScoreTable;
import xent.table.CsvTable;
import xent.train.TrainingMetadata;

/**
 * Models trained on known mixtures, with their observed validation losses: per (model, domain) the
 * training weight of the domain and the loss on its validation tokens, in nats per token.
 */
record ObservedMixtures(Map<String, Map<String, Double>> weights, Map<String, Map<String, Double>> losses) {

  static final List<String> HEADER = List.of("model", "domain", "weight", "loss");

  ObservedMixtures {
    weights = copy(weights);
    losses = copy(losses);
    if (weights.isEmpty()) {
      throw new IllegalArgumentException("no observed mixture models");
    }
    weights.forEach((model, w) -> {
      double total = 0;
      for (Map.Entry<String, Double> e : w.entrySet()) {
        if (!(e.getValue() >= 0) || Double.isInfinite(e.getValue())) {
          throw new IllegalArgumentException("observed model " + model + ": weight of " + e.getKey() + " is "
              + e.getValue() + ", must be finite and >= 0");
        }
        total += e.getValue();
      }
      if (Math.abs(total - 1) > Simplex.TOLERANCE) {
        throw new IllegalArgumentException("observed model " + model + ": weights sum to " + total
            + ", must sum to 1 within " + Simplex.TOLERANCE);
      }
    });
  }

  List<String> models() {
    return List.copyOf(weights.keySet());
  }

  /**
   * A long CSV (model,domain,weight,loss) when {@code path} is a file, else a score table whose
   * models matching {@code glob} are the observed mixtures: loss = -sum(logprob) / sum(n_tokens)
   * per (model, domain), weights from modelDirs/NAME/training.json.
   */
  static ObservedMixtures read(SparkSession spark, String path, String glob, Path modelDirs) throws IOException {
    if (Files.isRegularFile(Path.of(path))) {
      return readCsv(Path.of(path));
    }
    if (modelDirs == null) {
      throw new IllegalArgumentException("--observed " + path + " is a score table: --model-dirs is required for the "
          + "training mixtures (NAME/training.json)");
    }
    Dataset<Row> table = ScoreTable.read(spark, path);
    List<String> models = ScoreTable.models(table, glob);
    if (models.isEmpty()) {
      throw new IllegalArgumentException("--observed " + path + ": no model matches --observed-models " + glob);
    }
    List<Row> sums = table.filter(col("model").isin(models.toArray()).and(col("domain").isNotNull()))
        .groupBy("model", "domain").agg(ScoreTable.exactSum("logprob").as("logprob"), sum("n_tokens").as("tokens"))
        .collectAsList();
    Map<String, Map<String, Double>> losses = new TreeMap<>();
    for (Row row : sums) {
      losses.computeIfAbsent(row.getString(0), m -> new TreeMap<>())
          .put(row.getString(1), -row.getDouble(2) / row.getLong(3));
    }
    Map<String, Map<String, Double>> weights = new TreeMap<>();
    for (String model : models) {
      Path json = modelDirs.resolve(model).resolve("training.json");
      if (!Files.isRegularFile(json)) {
        throw new IllegalArgumentException("observed model " + model + ": no " + json + " with its training mixture");
      }
      Map<String, Double> mixture = TrainingMetadata.read(json).mixture();
      if (mixture.isEmpty()) {
        throw new IllegalArgumentException("observed model " + model + ": " + json + " has no data.mixture");
      }
      weights.put(model, mixture);
    }
    return new ObservedMixtures(weights, losses);
  }

  static ObservedMixtures readCsv(Path file) throws IOException {
    CsvTable csv = CsvTable.read(file);
    if (!csv.header().equals(HEADER)) {
      throw new IllegalArgumentException(file + ": header " + csv.header() + ", expected " + String.join(",", HEADER));
    }
    List<String> models = csv.text("model");
    List<String> domains = csv.text("domain");
    double[] weight = csv.numbers("weight");
    double[] loss = csv.numbers("loss");
    Map<String, Map<String, Double>> weights = new TreeMap<>();
    Map<String, Map<String, Double>> losses = new TreeMap<>();
    for (int r = 0; r < models.size(); r++) {
      if (weights.computeIfAbsent(models.get(r), m -> new TreeMap<>()).put(domains.get(r), weight[r]) != null) {
        throw new IllegalArgumentException(file + ": two rows for model " + models.get(r) + ", domain " + domains.get(r));
      }
      if (!Double.isNaN(loss[r])) {
        losses.computeIfAbsent(models.get(r), m -> new TreeMap<>()).put(domains.get(r), loss[r]);
      }
    }
    return new ObservedMixtures(weights, losses);
  }

  void writeCsv(Path file) throws IOException {
    try (CSVPrinter csv = CsvTable.printer(file, HEADER)) {
      for (Map.Entry<String, Map<String, Double>> e : weights.entrySet()) {
        String model = e.getKey();
        java.util.Set<String> domains = new java.util.TreeSet<>(e.getValue().keySet());
        domains.addAll(losses.getOrDefault(model, Map.of()).keySet());
        for (String domain : domains) {
          Double loss = losses.getOrDefault(model, Map.of()).get(domain);
          csv.printRecord(model, domain, String.format(Locale.ROOT, "%.10g", e.getValue().getOrDefault(domain, 0.0)),
              loss == null ? "" : String.format(Locale.ROOT, "%.10g", loss));
        }
      }
    }
  }

  /** Each model's mixture over the experts' domains; weight on a domain without an expert is refused. */
  double[][] mixtures(Experts experts) {
    List<double[]> rows = new ArrayList<>();
    weights.forEach((model, w) -> {
      double[] row = new double[experts.size()];
      w.forEach((domain, weight) -> {
        int i = experts.indexOfDomain(domain);
        if (i < 0 && weight > 0) {
          throw new IllegalArgumentException("observed model " + model + ": weight " + weight + " on domain '" + domain
              + "', which has no expert (experts stand for " + experts.domains() + ")");
        }
        if (i >= 0) {
          row[i] = weight;
        }
      });
      rows.add(row);
    });
    return rows.toArray(double[][]::new);
  }

  /** Observed losses per model on the validation domains; every one must be present. */
  double[][] losses(List<String> domains) {
    List<double[]> rows = new ArrayList<>();
    for (String model : weights.keySet()) {
      double[] row = new double[domains.size()];
      for (int j = 0; j < row.length; j++) {
        Double loss = losses.getOrDefault(model, Map.of()).get(domains.get(j));
        if (loss == null || !Double.isFinite(loss)) {
          throw new IllegalArgumentException("observed model " + model + ": no loss on validation domain '"
              + domains.get(j) + "'");
        }
        row[j] = loss;
      }
      rows.add(row);
    }
    return rows.toArray(double[][]::new);
  }

  private static Map<String, Map<String, Double>> copy(Map<String, Map<String, Double>> map) {
    Map<String, Map<String, Double>> out = new TreeMap<>();
    map.forEach((k, v) -> out.put(k, java.util.Collections.unmodifiableMap(new TreeMap<>(v))));
    return java.util.Collections.unmodifiableMap(out);
  }
}

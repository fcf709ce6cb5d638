package xent.scaling;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.createStructField;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVPrinter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import xent.score.DocumentMetrics;
import xent.scoring.ScoreTable;
import xent.table.CsvTable;
import xent.train.TrainingMetadata;

/**
 * {@code scaling dataset}: the loss of every (checkpoint, domain) from the score tables, joined
 * with the checkpoints' training metadata.
 *
 * <p>The score tables are aggregated on Spark (they hold one row per document and model); the
 * result, one row per (model, domain), is small and joined on the driver with each model's
 * training.json or metadata-table row ({@link ScalingMetadata}). Sums first, divisions last: loss = -sum logprob / sum n_tokens (nats per token),
 * bits_per_byte = -sum logprob / sum n_bytes / ln 2. Domain {@code *} is every document.
 *
 * <p>Writes OUT/dataset (Parquet) and OUT/dataset.csv, and the training curves of the same
 * checkpoints, one row per step with S1 and S2, as OUT/curves (Parquet) and OUT/curves.csv.
 */
public final class ScalingDataset {

  public static final String ALL_DOMAINS = "*";

  public static final StructType SCHEMA = new StructType(new StructField[] {
      createStructField("model", StringType, false),
      createStructField("family", StringType, true),
      createStructField("domain", StringType, false),
      createStructField("N", LongType, false),
      createStructField("N_non_embedding", LongType, true),
      createStructField("D", LongType, false),
      createStructField("C", DoubleType, false),
      createStructField("step", IntegerType, true),
      createStructField("S1", DoubleType, true),
      createStructField("S2", DoubleType, true),
      createStructField("loss", DoubleType, false),
      createStructField("bits_per_byte", DoubleType, false),
      createStructField("n_tokens", LongType, false),
      createStructField("n_bytes", LongType, false),
      // training.json, table, or the formula that defaulted C: 6*N_non_embedding*D or 6*N*D
      createStructField("C_source", StringType, false)});

  /** One row per training step: the training loss along the run (for lr-annealing). */
  public static final StructType CURVE_SCHEMA = new StructType(new StructField[] {
      createStructField("model", StringType, false),
      createStructField("N", LongType, false),
      createStructField("step", IntegerType, false),
      createStructField("learning_rate", DoubleType, false),
      createStructField("S1", DoubleType, false),
      createStructField("S2", DoubleType, false),
      createStructField("D", DoubleType, false),
      createStructField("C", DoubleType, false),
      createStructField("loss", DoubleType, false)});

  private ScalingDataset() {}

  /** Sums of logprob, n_tokens and n_bytes per (model, domain), plus domain '*' per model. */
  public static Dataset<Row> sums(Dataset<Row> scores) {
    Dataset<Row> perDomain = scores.groupBy(col("model"), col("domain"))
        .agg(ScoreTable.exactSum("logprob").as("logprob"), sum("n_tokens").as("n_tokens"), sum("n_bytes").as("n_bytes"));
    Dataset<Row> all = scores.groupBy(col("model"))
        .agg(ScoreTable.exactSum("logprob").as("logprob"), sum("n_tokens").as("n_tokens"), sum("n_bytes").as("n_bytes"))
        .select(col("model"), lit(ALL_DOMAINS).as("domain"), col("logprob"), col("n_tokens"), col("n_bytes"));
    return perDomain.unionByName(all);
  }

  /** Runs the dataset job with each model's training.json in {@code modelsDir}; returns the rows written. */
  public static int run(SparkSession spark, Path scoresDir, Path modelsDir, Path out) throws IOException {
    return run(spark, scoresDir, ScalingMetadata.of(List.of(modelsDir)), false, out).rows();
  }

  /**
   * What a dataset run wrote.
   *
   * @param rows rows of the dataset
   * @param skipped models of the score tables left out for want of metadata (--allow-missing)
   */
  public record Written(int rows, List<String> skipped) {
    public Written {
      skipped = List.copyOf(skipped);
    }
  }

  /**
   * Runs the dataset job, each model's facts from {@code metadata}. Models without any are an error
   * naming them all, or with {@code allowMissing} left out and listed in the result.
   */
  public static Written run(SparkSession spark, Path scoresDir, ScalingMetadata metadata,
      boolean allowMissing, Path out) throws IOException {
    List<Row> sums = sums(ScoreTable.read(spark, scoresDir.toString()))
        .orderBy(col("model"), col("domain")).collectAsList();
    Map<String, CheckpointFacts> facts = new HashMap<>();
    List<String> missing = new ArrayList<>();
    for (Row s : sums) {
      String model = s.getString(0);
      if (!facts.containsKey(model) && !missing.contains(model)) {
        metadata.of(model).ifPresentOrElse(f -> facts.put(model, f), () -> missing.add(model));
      }
    }
    if (!missing.isEmpty() && !allowMissing) {
      throw new IOException(missing.size() + " model(s) of the score tables have no metadata in "
          + metadata + ": " + String.join(", ", missing) + " (add their rows, or --allow-missing to"
          + " leave them out)");
    }
    List<Row> rows = new ArrayList<>();
    for (Row s : sums) {
      String model = s.getString(0);
      CheckpointFacts m = facts.get(model);
      if (m == null) {
        continue;
      }
      LearningRateAreas areas = m.areas();
      double logprob = s.getDouble(2);
      long tokens = s.getLong(3);
      long bytes = s.getLong(4);
      rows.add(RowFactory.create(model, m.family(), s.isNullAt(1) ? "" : s.getString(1), m.n(),
          m.nNonEmbedding(), m.tokens(), m.flops(), m.step(),
          areas == null ? null : areas.s1At(m.step()), areas == null ? null : areas.s2At(m.step()),
          DocumentMetrics.natsPerToken(logprob, tokens), DocumentMetrics.bitsPerByte(logprob, bytes),
          tokens, bytes, m.flopsSource()));
    }
    List<Row> curves = new ArrayList<>();
    facts.entrySet().stream().filter(e -> e.getValue().training() != null)
        .sorted(Map.Entry.comparingByKey()).forEach(e -> {
      TrainingMetadata m = e.getValue().training();
      LearningRateAreas areas = LearningRateAreas.of(m.learningRates());
      int steps = Math.min(m.losses().length, m.learningRates().length);
      for (int step = 1; step <= steps; step++) {
        double fraction = step / (double) m.steps();
        curves.add(RowFactory.create(e.getKey(), m.parameters(), step, m.learningRates()[step - 1],
            areas.s1At(step), areas.s2At(step), m.tokens() * fraction, m.flops() * fraction, m.losses()[step - 1]));
      }
    });
    write(spark, rows, SCHEMA, out.resolve("dataset"));
    write(spark, curves, CURVE_SCHEMA, out.resolve("curves"));
    return new Written(rows.size(), missing);
  }

  private static void write(SparkSession spark, List<Row> rows, StructType schema, Path base) throws IOException {
    spark.createDataFrame(rows, schema).coalesce(1).write().mode(SaveMode.Overwrite).parquet(base.toString());
    try (CSVPrinter csv = CsvTable.printer(base.resolveSibling(base.getFileName() + ".csv"),
        List.of(schema.fieldNames()))) {
      for (Row row : rows) {
        List<String> fields = new ArrayList<>();
        for (int i = 0; i < row.size(); i++) {
          fields.add(row.isNullAt(i) ? "" : String.valueOf(row.get(i)));
        }
        csv.printRecord(fields);
      }
    }
  }
}

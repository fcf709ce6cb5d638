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
 * result, one row per (model, domain), is small and joined on the driver with {@code
 * training.json}. Sums first, divisions last: loss = -sum logprob / sum n_tokens (nats per token),
 * bits_per_byte = -sum logprob / sum n_bytes / ln 2. Domain {@code *} is every document.
 *
 * <p>Writes OUT/dataset (Parquet) and OUT/dataset.csv, and the training curves of the same
 * checkpoints, one row per step with S1 and S2, as OUT/curves (Parquet) and OUT/curves.csv.
 */
public final class ScalingDataset {

  public static final String ALL_DOMAINS = "*";

  public static final StructType SCHEMA = new StructType(new StructField[] {
      createStructField("model", StringType, false),
      createStructField("family", StringType, false),
      createStructField("domain", StringType, false),
      createStructField("N", LongType, false),
      createStructField("N_non_embedding", LongType, false),
      createStructField("D", LongType, false),
      createStructField("C", DoubleType, false),
      createStructField("step", IntegerType, false),
      createStructField("S1", DoubleType, false),
      createStructField("S2", DoubleType, false),
      createStructField("loss", DoubleType, false),
      createStructField("bits_per_byte", DoubleType, false),
      createStructField("n_tokens", LongType, false),
      createStructField("n_bytes", LongType, false)});

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
        .agg(sum("logprob").as("logprob"), sum("n_tokens").as("n_tokens"), sum("n_bytes").as("n_bytes"));
    Dataset<Row> all = scores.groupBy(col("model"))
        .agg(sum("logprob").as("logprob"), sum("n_tokens").as("n_tokens"), sum("n_bytes").as("n_bytes"))
        .select(col("model"), lit(ALL_DOMAINS).as("domain"), col("logprob"), col("n_tokens"), col("n_bytes"));
    return perDomain.unionByName(all);
  }

  /** Runs the dataset job; returns the number of rows written. */
  public static int run(SparkSession spark, Path scoresDir, Path modelsDir, Path out) throws IOException {
    List<Row> sums = sums(ScoreTable.read(spark, scoresDir.toString()))
        .orderBy(col("model"), col("domain")).collectAsList();
    Map<String, TrainingMetadata> metadata = new HashMap<>();
    List<Row> rows = new ArrayList<>();
    for (Row s : sums) {
      String model = s.getString(0);
      TrainingMetadata m = metadata.get(model);
      if (m == null) {
        m = TrainingMetadata.read(trainingJson(modelsDir, model));
        metadata.put(model, m);
      }
      LearningRateAreas areas = LearningRateAreas.of(m.learningRates());
      double logprob = s.getDouble(2);
      long tokens = s.getLong(3);
      long bytes = s.getLong(4);
      rows.add(RowFactory.create(model, m.family(), s.isNullAt(1) ? "" : s.getString(1), m.parameters(),
          m.nonEmbeddingParameters(), m.tokens(), m.flops(), m.step(), areas.s1At(m.step()),
          areas.s2At(m.step()), DocumentMetrics.natsPerToken(logprob, tokens), DocumentMetrics.bitsPerByte(logprob, bytes), tokens,
          bytes));
    }
    List<Row> curves = new ArrayList<>();
    metadata.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
      TrainingMetadata m = e.getValue();
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
    return rows.size();
  }

  /** MODELS/NAME/training.json, naming both when it is missing. */
  static Path trainingJson(Path modelsDir, String model) throws IOException {
    Path file = modelsDir.resolve(model).resolve("training.json");
    if (!Files.isRegularFile(file)) {
      throw new IOException("model '" + model + "' of the score tables has no " + file
          + " (--models must hold one checkpoint folder per model name)");
    }
    return file;
  }

  private static void write(SparkSession spark, List<Row> rows, StructType schema, Path base) throws IOException {
    spark.createDataFrame(rows, schema).coalesce(1).write().mode(SaveMode.Overwrite).parquet(base.toString());
    try (CSVPrinter csv = CsvTable.printer(base.resolveSibling(base.getFileName() + ".csv"),
        List.of(schema.fieldNames()))) {
      for (Row row : rows) {
        List<String> fields = new ArrayList<>();
        for (int i = 0; i < row.size(); i++) {
          fields.add(String.valueOf(row.get(i)));
        }
        csv.printRecord(fields);
      }
    }
  }
}

package xent.scoring;

import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.FloatType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.createArrayType;
import static org.apache.spark.sql.types.DataTypes.createStructField;

import java.nio.file.FileSystems;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import xent.detect.DocumentMetric;
import xent.detect.MetricSettings;
import xent.score.DocumentScore;
import xent.score.TokenScores;

/**
 * The score table of DESIGN.md, one row per (model, document), and the rows a scoring task
 * emits before they are split into scores and rejects.
 *
 * <p>On disk the table is partitioned by {@code model} and by {@code split}, the unit of work a
 * run commits atomically; both come back as columns when the table is read.
 */
public final class ScoreTable {

  private static final List<StructField> SCORE_FIELDS = List.of(
      createStructField("doc_id", StringType, false),
      createStructField("domain", StringType, true),
      createStructField("n_tokens", LongType, false),
      createStructField("n_bytes", LongType, false),
      createStructField("n_words", LongType, false),
      createStructField("logprob", DoubleType, false));

  private static final List<StructField> TOKEN_FIELDS = List.of(
      createStructField("token_logprob", createArrayType(FloatType, false), true),
      createStructField("token_entropy", createArrayType(FloatType, false), true),
      createStructField("token_rank", createArrayType(IntegerType, false), true),
      createStructField("token_logprob_var", createArrayType(FloatType, false), true));

  /** The rejects table: documents that could not be scored, and why. */
  public static final StructType REJECT_SCHEMA = new StructType(new StructField[] {
      createStructField("doc_id", StringType, false),
      createStructField("source", StringType, false),
      createStructField("reason", StringType, false)});

  private ScoreTable() {}

  /**
   * The score table at {@code path}: a score job's output folder (its {@code scores/} is read) or
   * that {@code scores/} folder itself. Model and split come back as columns.
   */
  public static Dataset<Row> read(SparkSession spark, String path) {
    Path root = new Path(path);
    try {
      FileSystem fs = root.getFileSystem(spark.sparkContext().hadoopConfiguration());
      if (fs.isDirectory(new Path(root, "scores")) && fs.exists(new Path(root, "_xent"))) {
        root = new Path(root, "scores");
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("cannot read score table " + path + ": " + e.getMessage(), e);
    }
    return spark.read().parquet(root.toString());
  }

  /**
   * The sum of a double column, the same to the last bit on every run: a double sum's rounding
   * depends on the order of its terms, and a shuffle's order changes from run to run. Each value
   * is rounded once to 18 decimals (1e-18 nats, far below a float32 log-prob's resolution), then
   * summed exactly as DECIMAL(38, 18).
   */
  public static Column exactSum(String column) {
    return functions.sum(functions.col(column).cast(org.apache.spark.sql.types.DataTypes.createDecimalType(38, 18)))
        .cast(DoubleType);
  }

  /** The table's model names matching a glob (null: every model), in name order. */
  public static List<String> models(Dataset<Row> table, String glob) {
    PathMatcher matcher = glob == null ? null : FileSystems.getDefault().getPathMatcher("glob:" + glob);
    return table.select("model").distinct().as(Encoders.STRING()).collectAsList().stream()
        .filter(name -> matcher == null || matcher.matches(java.nio.file.Path.of(name)))
        .sorted()
        .toList();
  }

  /** Columns of the score table files without metric columns. */
  public static StructType schema(boolean perToken) {
    return schema(perToken, MetricSettings.NONE);
  }

  /**
   * Columns of the score table files (model and split are their directories): the document's
   * units and log-likelihood, one double column per metric named by its key (null where the
   * metric has no finite value: no scored token, or zero variance), then the per-token arrays.
   */
  public static StructType schema(boolean perToken, MetricSettings metrics) {
    List<StructField> fields = new ArrayList<>(SCORE_FIELDS);
    for (DocumentMetric metric : metrics.metrics()) {
      fields.add(createStructField(metric.key(), DoubleType, true));
    }
    if (perToken) {
      fields.addAll(TOKEN_FIELDS);
    }
    return new StructType(fields.toArray(StructField[]::new));
  }

  /** What a scoring task emits: score columns, then source and reason (null when scored). */
  public static StructType resultSchema(boolean perToken, MetricSettings metrics) {
    List<StructField> fields = new ArrayList<>(List.of(schema(perToken, metrics).fields()));
    fields.add(createStructField("source", StringType, false));
    fields.add(createStructField("reason", StringType, true));
    return new StructType(fields.toArray(StructField[]::new));
  }

  /** A scored document, with its metric values in column order (non-finite: null). */
  static Row scored(String docId, String domain, String source, DocumentScore s, double[] metrics,
      boolean perToken) {
    List<Object> values = new ArrayList<>(List.of(docId, s.nTokens(), s.nBytes(), s.nWords(), s.logprob()));
    values.add(1, domain);
    for (double m : metrics) {
      values.add(Double.isFinite(m) ? m : null);
    }
    if (perToken) {
      TokenScores t = s.tokens();
      values.add(boxed(t.logprob()));
      values.add(t.entropy() == null ? null : boxed(t.entropy()));
      values.add(t.rank() == null ? null : java.util.Arrays.stream(t.rank()).boxed().toArray(Integer[]::new));
      values.add(t.logprobVar() == null ? null : boxed(t.logprobVar()));
    }
    values.add(source);
    values.add(null);
    return RowFactory.create(values.toArray());
  }

  /** A document that could not be scored. */
  static Row rejected(String docId, String domain, String source, String reason, int metrics,
      boolean perToken) {
    List<Object> values = new ArrayList<>(List.of(docId, 0L, 0L, 0L, 0.0));
    values.add(1, domain);
    for (int i = 0; i < metrics + (perToken ? TOKEN_FIELDS.size() : 0); i++) {
      values.add(null);
    }
    values.add(source);
    values.add(reason);
    return RowFactory.create(values.toArray());
  }

  private static Float[] boxed(float[] values) {
    Float[] out = new Float[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = values[i];
    }
    return out;
  }
}

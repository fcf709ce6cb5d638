package xent.notebook;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.FloatType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.createArrayType;
import static org.apache.spark.sql.types.DataTypes.createStructField;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.util.LongAccumulator;
import xent.model.ModelSpec;

/**
 * Scoring texts from a notebook or any Spark application.
 *
 * <pre>
 * val texts = Seq(("a", "Once upon a time"), ("b", "The state of the Union")).toDF("id", "text")
 * val scores = xent.notebook.Xent.score(spark, java.util.Arrays.asList("stories260K=/models/stories260K"), texts)
 * scores.show()   // model, id, n_tokens, n_bytes, n_words, logprob, bits_per_byte, reason
 * </pre>
 *
 * <p>Each text is scored once per model, when {@code score} is called: the result is persisted
 * (memory, then disk) and every later action reads it, so showing it and querying it again do not
 * score again. For a corpus on disk, with resumable output, use the score job ({@code bin/xent
 * score}) and read its tables with {@link ScoreOutput}.
 */
public final class Xent {

  /** The name of the accumulator that counts the texts given to a model (the Spark UI shows it). */
  public static final String TEXTS_SCORED = "xent: texts scored";

  private Xent() {}

  /** {@link #score(SparkSession, List, Dataset, ScoreOptions)} with {@link ScoreOptions#DEFAULT}. */
  public static Dataset<Row> score(SparkSession spark, List<String> models, Dataset<Row> texts) {
    return score(spark, models, texts, ScoreOptions.DEFAULT);
  }

  /**
   * Every text under every model.
   *
   * @param models "NAME=PATH" specs of Hugging Face or llama2.c model folders that every executor can read
   * @param texts a Dataset with string columns {@code id} and {@code text} (others are ignored)
   * @return one row per (model, text) with the columns of {@link #schema}; a text that could not be
   *     scored (null, or failing in the model) has null numbers and its {@code reason}
   * @throws IllegalArgumentException when a model is not NAME=PATH, a name is given twice, or
   *     {@code texts} lacks a string column id or text
   */
  public static Dataset<Row> score(SparkSession spark, List<String> models, Dataset<Row> texts, ScoreOptions options) {
    Map<String, ModelSpec> specs = specs(models);
    Dataset<Row> input = texts.select(column(texts, "id"), column(texts, "text"));
    LongAccumulator scored = spark.sparkContext().longAccumulator(TEXTS_SCORED);
    StructType schema = schema(options.perToken());
    Dataset<Row> result = null;
    for (ModelSpec spec : specs.values()) {
      Dataset<Row> one = input.mapPartitions(
          new TextScores(spec.name(), spec.path().toString(), options, scored), Encoders.row(schema));
      result = result == null ? one : result.union(one);
    }
    result = result.persist(StorageLevel.MEMORY_AND_DISK());
    result.count();
    return result;
  }

  /**
   * model, id, n_tokens, n_bytes (UTF-8), n_words (whitespace-separated), logprob (nats, the sum
   * over tokens), bits_per_byte (-logprob / n_bytes / ln 2, lower is better), [token_logprob],
   * reason (null when scored).
   */
  public static StructType schema(boolean perToken) {
    List<StructField> fields = new ArrayList<>(List.of(
        createStructField("model", StringType, false),
        createStructField("id", StringType, true),
        createStructField("n_tokens", LongType, true),
        createStructField("n_bytes", LongType, true),
        createStructField("n_words", LongType, true),
        createStructField("logprob", DoubleType, true),
        createStructField("bits_per_byte", DoubleType, true)));
    if (perToken) {
      fields.add(createStructField("token_logprob", createArrayType(FloatType, false), true));
    }
    fields.add(createStructField("reason", StringType, true));
    return new StructType(fields.toArray(StructField[]::new));
  }

  private static Map<String, ModelSpec> specs(List<String> models) {
    if (models.isEmpty()) {
      throw new IllegalArgumentException("models: give at least one NAME=PATH");
    }
    Map<String, ModelSpec> specs = new LinkedHashMap<>();
    for (String model : models) {
      ModelSpec spec = ModelSpec.parse(model);
      if (specs.put(spec.name(), spec) != null) {
        throw new IllegalArgumentException("models: the name " + spec.name() + " is given twice");
      }
    }
    return specs;
  }

  private static org.apache.spark.sql.Column column(Dataset<Row> texts, String name) {
    List<String> columns = Arrays.asList(texts.columns());
    if (!columns.contains(name)) {
      throw new IllegalArgumentException("texts: no column '" + name + "'; its columns are " + columns);
    }
    if (!texts.schema().apply(name).dataType().equals(StringType)) {
      throw new IllegalArgumentException("texts: column '" + name + "' is "
          + texts.schema().apply(name).dataType().simpleString() + ", not string");
    }
    return col(name);
  }
}

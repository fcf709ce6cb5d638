package xent.notebook;

import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.createStructField;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The tables of {@code bin/xent score --out OUT}.
 *
 * <pre>
 * ScoreOutput.scores(spark, "/runs/out").createOrReplaceTempView("xent_scores")
 * </pre>
 */
public final class ScoreOutput {

  /** model, split, doc_id, domain, n_tokens, n_bytes, n_words, logprob (nats): one row per (model, document). */
  public static final StructType SCORES = withRunColumns(JobClasses.scoreColumns());

  /** model, split, doc_id, source, reason: the documents the job could not score. */
  public static final StructType REJECTS = withRunColumns(JobClasses.rejectColumns());

  private ScoreOutput() {}

  /** The score table of OUT (or of OUT/scores itself). */
  public static Dataset<Row> scores(SparkSession spark, String out) {
    return ExplicitSchema.of(JobClasses.scoreTable(spark, out), SCORES);
  }

  /** The rejects table of OUT. */
  public static Dataset<Row> rejects(SparkSession spark, String out) {
    return ExplicitSchema.of(spark.read().parquet(out + "/rejects"), REJECTS);
  }

  /** model and split, the folders a run is partitioned by, then the files' columns. */
  private static StructType withRunColumns(StructType files) {
    List<StructField> fields = new ArrayList<>(List.of(
        createStructField("model", StringType, false), createStructField("split", IntegerType, false)));
    fields.addAll(List.of(files.fields()));
    return new StructType(fields.toArray(StructField[]::new));
  }
}

package xent.notebook;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.from_json;
import static org.apache.spark.sql.types.DataTypes.StringType;

import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/** The tables of {@code bin/xent scaling dataset --out SCALING}, and a folder of {@code scaling fit} outputs. */
public final class ScalingOutput {

  /** One row per (checkpoint, domain; {@code *} for every document): N, D, C, step, S1, S2, loss, bits_per_byte... */
  public static final StructType DATASET = JobClasses.scalingDatasetColumns();

  /** The training loss at every step of each checkpoint, with its learning rate, S1, S2, D and C. */
  public static final StructType CURVES = JobClasses.scalingCurveColumns();

  /**
   * law, json: one row per file of the folder, the JSON object {@code bin/xent scaling fit} printed.
   * Read its fields with {@code from_json} and explicit types: a fit can hold NaN.
   */
  public static final StructType FITS = new StructType().add("law", StringType).add("json", StringType);

  private static final StructType LAW = new StructType().add("law", StringType);

  private ScalingOutput() {}

  public static Dataset<Row> dataset(SparkSession spark, String dir) {
    return ExplicitSchema.of(spark.read().parquet(dir + "/dataset"), DATASET);
  }

  public static Dataset<Row> curves(SparkSession spark, String dir) {
    return ExplicitSchema.of(spark.read().parquet(dir + "/curves"), CURVES);
  }

  /** Every file of {@code dir}, each holding one fit's JSON object (as {@code scaling fit ... > dir/NAME.json}). */
  public static Dataset<Row> fits(SparkSession spark, String dir) {
    return spark.read().option("wholetext", "true").text(dir)
        .select(from_json(col("value"), LAW, Map.of()).getField("law").as("law"), col("value").as("json"));
  }
}

package xent.notebook;

import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.createStructField;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/** The tables of {@code bin/xent map --out MAP}. */
public final class MapOutput {

  /**
   * One row per model: its first two map coordinates (x, y), its k-means cluster, and the training
   * metadata the map read with {@code --model-dirs} (null without it). The other coordinates
   * (pc3.., tsne_x, tsne_y) stay in MAP/map.parquet.
   */
  public static final StructType MAP = ExplicitSchema.nullable(
      createStructField("model", StringType, false),
      createStructField("x", DoubleType, false),
      createStructField("y", DoubleType, false),
      createStructField("cluster", IntegerType, true),
      createStructField("family", StringType, true),
      createStructField("parameters", LongType, true),
      createStructField("tokens", LongType, true),
      createStructField("step", LongType, true),
      createStructField("domain", StringType, true));

  /** model, rank (1 = nearest), neighbor, distance (d_ij, an estimate of 2 KL in nats per text). */
  public static final StructType NEIGHBORS = new StructType()
      .add("model", StringType).add("rank", IntegerType).add("neighbor", StringType).add("distance", DoubleType);

  /** model, missing_texts: texts of the table this model did not score, left out of the map. */
  public static final StructType MISSING = new StructType().add("model", StringType).add("missing_texts", LongType);

  private MapOutput() {}

  public static Dataset<Row> map(SparkSession spark, String dir) {
    return ExplicitSchema.of(spark.read().parquet(dir + "/map.parquet"), MAP);
  }

  public static Dataset<Row> neighbors(SparkSession spark, String dir) {
    return CsvOutput.read(spark, dir + "/neighbors.csv", NEIGHBORS);
  }

  public static Dataset<Row> missing(SparkSession spark, String dir) {
    return CsvOutput.read(spark, dir + "/missing.csv", MISSING);
  }
}

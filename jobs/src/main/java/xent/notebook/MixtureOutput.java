package xent.notebook;

import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.StringType;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/** The tables of {@code bin/xent mixture --out MIXTURE}. */
public final class MixtureOutput {

  /**
   * domain ({@code *}: the mean over domains), method, spearman (rank correlation of predicted and
   * observed losses, higher is better), mae (mean absolute error, nats per token, lower is better).
   */
  public static final StructType METRICS = new StructType()
      .add("domain", StringType).add("method", StringType).add("spearman", DoubleType).add("mae", DoubleType);

  /** model (the held-out mixture), domain, method, predicted and observed loss (nats per token). */
  public static final StructType LEAVE_ONE_OUT = new StructType()
      .add("model", StringType).add("domain", StringType).add("method", StringType)
      .add("predicted", DoubleType).add("observed", DoubleType);

  private MixtureOutput() {}

  public static Dataset<Row> metrics(SparkSession spark, String dir) {
    return CsvOutput.read(spark, dir + "/metrics.csv", METRICS);
  }

  public static Dataset<Row> leaveOneOut(SparkSession spark, String dir) {
    return CsvOutput.read(spark, dir + "/loo.csv", LEAVE_ONE_OUT);
  }
}

package xent.notebook;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/** A CSV file a job wrote, with a header that must name the schema's columns in its order. */
final class CsvOutput {

  private CsvOutput() {}

  static Dataset<Row> read(SparkSession spark, String file, StructType schema) {
    // enforceSchema=false: a header that is not the schema's fails instead of being renamed.
    return spark.read().option("header", "true").option("enforceSchema", "false").schema(schema).csv(file);
  }
}

package xent.notebook;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import xent.model.ModelSpec;
import xent.scaling.ScalingDataset;
import xent.scoring.ModelRef;
import xent.scoring.ScoreTable;

/**
 * Every call from this package into the jobs' own packages, in one place: when those move, this
 * class is the one to re-point. (The engine of the udf module, {@code xent.model} and
 * {@code xent.score}, is called directly.)
 */
final class JobClasses {

  private JobClasses() {}

  /** The score table of a score job's output folder, as the job's own reader finds it. */
  static Dataset<Row> scoreTable(SparkSession spark, String dir) {
    return ScoreTable.read(spark, dir);
  }

  /** The columns the score job writes per document (model and split are its folders). */
  static StructType scoreColumns() {
    return ScoreTable.schema(false);
  }

  static StructType rejectColumns() {
    return ScoreTable.REJECT_SCHEMA;
  }

  static StructType scalingDatasetColumns() {
    return ScalingDataset.SCHEMA;
  }

  static StructType scalingCurveColumns() {
    return ScalingDataset.CURVE_SCHEMA;
  }

  /**
   * The folder of model {@code name} where this task can read it: as given, or shipped with
   * {@code --archives}/{@code --files} (the score job's rule).
   */
  static ModelSpec localSpec(String name, String path) {
    return new ModelRef(name, path).localSpec();
  }
}

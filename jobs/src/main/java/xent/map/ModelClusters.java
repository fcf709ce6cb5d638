package xent.map;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.clustering.KMeans;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/** k-means (MLlib, k-means||, seeded) of the models on their principal coordinates. */
public final class ModelClusters {

  private ModelClusters() {}

  /** The cluster of each model, 0 to k - 1, for coordinates {@code x[i]}. */
  public static int[] of(SparkSession spark, double[][] x, int k, long seed) {
    if (k < 1 || k > x.length) {
      throw new IllegalArgumentException("cannot make " + k + " clusters of " + x.length + " models");
    }
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < x.length; i++) {
      rows.add(RowFactory.create(i, Vectors.dense(x[i])));
    }
    Dataset<Row> points = spark.createDataFrame(rows, new StructType()
        .add("i", "int").add("features", SQLDataTypes.VectorType())).coalesce(1);
    List<Row> assigned = new KMeans().setK(k).setSeed(seed).setMaxIter(100).fit(points).transform(points)
        .select("i", "prediction").collectAsList();
    int[] cluster = new int[x.length];
    for (Row r : assigned) {
      cluster[r.getInt(0)] = r.getInt(1);
    }
    return cluster;
  }
}

package xent.map;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/** Score tables for the map's tests, from a matrix L[model][text], and the map computed by brute force. */
final class ScoreRows {

  private ScoreRows() {}

  static List<String> names(int m) {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < m; i++) {
      names.add(String.format("model-%03d", i));
    }
    return names;
  }

  /** The rows (model, doc_id, logprob) of L, with names from {@link #names}. */
  static Dataset<Row> table(SparkSession spark, double[][] l) {
    List<String> names = names(l.length);
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < l.length; i++) {
      for (int t = 0; t < l[i].length; t++) {
        rows.add(RowFactory.create(names.get(i), "doc-" + t, l[i][t]));
      }
    }
    return spark.createDataFrame(rows, new StructType()
        .add("model", "string").add("doc_id", "string").add("logprob", "double"));
  }

  /** d_ij = ||q_i - q_j||^2 / N with Q = L double centred, straight from the definition. */
  static double[][] bruteForceDistances(double[][] l) {
    int m = l.length;
    int n = l[0].length;
    double grand = 0;
    double[] modelMean = new double[m];
    double[] textMean = new double[n];
    for (int i = 0; i < m; i++) {
      for (int t = 0; t < n; t++) {
        modelMean[i] += l[i][t] / n;
        textMean[t] += l[i][t] / m;
        grand += l[i][t] / ((double) m * n);
      }
    }
    double[][] q = new double[m][n];
    for (int i = 0; i < m; i++) {
      for (int t = 0; t < n; t++) {
        q[i][t] = l[i][t] - modelMean[i] - textMean[t] + grand;
      }
    }
    double[][] d = new double[m][m];
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < m; j++) {
        double s = 0;
        for (int t = 0; t < n; t++) {
          s += (q[i][t] - q[j][t]) * (q[i][t] - q[j][t]);
        }
        d[i][j] = s / n;
      }
    }
    return d;
  }
}

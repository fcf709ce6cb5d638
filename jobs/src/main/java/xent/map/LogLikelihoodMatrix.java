package xent.map;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_position;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.percentile_approx;
import static org.apache.spark.sql.functions.struct;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.mllib.linalg.Matrix;
import org.apache.spark.mllib.linalg.Vector;
import org.apache.spark.mllib.linalg.Vectors;
import org.apache.spark.mllib.linalg.distributed.RowMatrix;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple2;
import xent.scoring.ScoreTable;

/**
 * The log-likelihood matrix L (models x texts) of Oyama et al., held as a distributed set of
 * texts: one cached {@code double[m]} per text, entry i being model i's log-likelihood of the
 * whole text. Only texts that every selected model scored are kept.
 *
 * <p>The driver holds m x m numbers at most. {@link #gramian(double)} optionally clips, then double
 * centres L to Q (texts as rows of a {@link RowMatrix}, models as columns) and returns Q^T Q.
 */
public final class LogLikelihoodMatrix implements AutoCloseable {

  private final SparkSession spark;
  private final List<String> models;
  private final JavaRDD<double[]> texts;
  private final MissingCells missing;

  private LogLikelihoodMatrix(SparkSession spark, List<String> models, JavaRDD<double[]> texts, MissingCells missing) {
    this.spark = spark;
    this.models = List.copyOf(models);
    this.texts = texts;
    this.missing = missing;
  }

  /**
   * L from a score table with columns model, doc_id and logprob (more are ignored), for the models
   * whose names match {@code modelGlob} (null: all), in name order.
   */
  public static LogLikelihoodMatrix from(Dataset<Row> scores, String modelGlob) {
    SparkSession spark = scores.sparkSession();
    List<String> models = ScoreTable.models(scores, modelGlob);
    int m = models.size();
    if (m < 2) {
      throw new IllegalArgumentException("a map needs at least two models; the score table has " + models
          + (modelGlob == null ? "" : " matching " + modelGlob));
    }
    Column names = array(models.stream().map(name -> lit(name)).toArray(Column[]::new));
    Dataset<Row> cells = scores
        .select(col("doc_id"), array_position(names, col("model")).cast("int").minus(1).as("idx"), col("logprob"))
        .where(col("idx").geq(0));
    // One aggregate only: a countDistinct beside it would make Spark expand every row.
    Dataset<Row> perText = cells.groupBy("doc_id").agg(collect_list(struct(col("idx"), col("logprob"))).as("cells"));
    JavaRDD<Tuple2<String, double[]>> rows = perText.javaRDD()
        .map(row -> toText(row, m))
        .persist(StorageLevel.MEMORY_AND_DISK());
    Tuple2<String, double[]> duplicate = rows.filter(t -> t._1().startsWith("dup:")).take(1).stream().findFirst().orElse(null);
    if (duplicate != null) {
      rows.unpersist();
      throw new IllegalArgumentException("text " + duplicate._1().substring(4)
          + " has more than one score from one model; a score table holds each (model, doc_id) once");
    }
    long union = rows.count();
    JavaRDD<double[]> complete = rows.filter(t -> t._2() != null).map(Tuple2::_2)
        .persist(StorageLevel.MEMORY_AND_DISK());
    long n = complete.count();
    rows.unpersist();
    Map<String, Long> missing = new LinkedHashMap<>();
    models.forEach(model -> missing.put(model, union));
    for (Row r : cells.groupBy("idx").count().collectAsList()) {
      missing.put(models.get(r.getInt(0)), union - r.getLong(1));
    }
    if (n == 0) {
      complete.unpersist();
      throw new IllegalArgumentException("no text was scored by all " + m + " models " + models);
    }
    return new LogLikelihoodMatrix(spark, models, complete, new MissingCells(union, n, missing));
  }

  /** (doc_id, L column) for a complete text; (doc_id, null) otherwise; ("dup:" doc_id, null) for a duplicate. */
  private static Tuple2<String, double[]> toText(Row row, int m) {
    String id = row.getString(0);
    double[] l = new double[m];
    boolean[] seen = new boolean[m];
    int distinct = 0;
    for (Row cell : row.<Row>getList(1)) {
      int i = cell.getInt(0);
      if (seen[i]) {
        return new Tuple2<>("dup:" + id, null);
      }
      seen[i] = true;
      distinct++;
      l[i] = cell.getDouble(1);
    }
    return new Tuple2<>(id, distinct == m ? l : null);
  }

  /** L from texts already in memory (tests, benchmarks): {@code columns[t][i]} = model i's log-likelihood of text t. */
  public static LogLikelihoodMatrix of(SparkSession spark, List<String> models, JavaRDD<double[]> columns) {
    JavaRDD<double[]> cached = columns.persist(StorageLevel.MEMORY_AND_DISK());
    long n = cached.count();
    Map<String, Long> missing = new LinkedHashMap<>();
    models.forEach(model -> missing.put(model, 0L));
    return new LogLikelihoodMatrix(spark, models, cached, new MissingCells(n, n, missing));
  }

  public List<String> models() {
    return models;
  }

  public MissingCells missing() {
    return missing;
  }

  public long texts() {
    return missing.complete();
  }

  /** The cached texts, entry i = model i's log-likelihood (for text selection). */
  public JavaRDD<double[]> columns() {
    return texts;
  }

  /**
   * Per model, the value below which its lowest {@code fraction} of log-likelihoods lie (Spark's
   * percentile_approx, exact for up to 10,000 texts); -infinity everywhere when fraction is 0.
   */
  public double[] clipFloors(double fraction) {
    if (fraction < 0 || fraction >= 1) {
      throw new IllegalArgumentException("clip fraction must be in [0, 1), got " + fraction);
    }
    double[] floors = new double[models.size()];
    Arrays.fill(floors, Double.NEGATIVE_INFINITY);
    if (fraction == 0) {
      return floors;
    }
    JavaRDD<Row> cells = texts.flatMap(l -> {
      Row[] out = new Row[l.length];
      for (int i = 0; i < l.length; i++) {
        out[i] = org.apache.spark.sql.RowFactory.create(i, l[i]);
      }
      return Arrays.asList(out).iterator();
    });
    Dataset<Row> long_ = spark.createDataFrame(cells, new org.apache.spark.sql.types.StructType()
        .add("idx", "int").add("logprob", "double"));
    for (Row r : long_.groupBy("idx").agg(percentile_approx(col("logprob"), lit(fraction), lit(10000))).collectAsList()) {
      floors[r.getInt(0)] = r.getDouble(1);
    }
    return floors;
  }

  /**
   * G = Q^T Q, where Q is L after clipping (each model's values below its {@code clip} quantile
   * raised to it) and double centring.
   *
   * <p>Double centring, with L_it model i's log-likelihood of text t: first each text is centred
   * over models, y_it = L_it - mean_k L_kt (one text at a time, in the distributed pass); then each
   * model over texts, q_it = y_it - mu_i with mu_i = mean_t y_it, the m means gathered by one
   * aggregation. That equals L_it - mean_k L_kt - mean_s L_is + mean_ks L_ks. The Gramian of the
   * rows q_t is summed by MLlib's RowMatrix: each task adds q_t q_t^T and the driver receives m x m.
   */
  public Gramian gramian(double clip) {
    int m = models.size();
    long n = texts();
    double[] floors = clipFloors(clip);
    JavaRDD<double[]> centredTexts = texts.map(l -> centreText(l, floors));
    double[] mu = centredTexts.treeAggregate(new double[m], LogLikelihoodMatrix::add, LogLikelihoodMatrix::add);
    for (int i = 0; i < m; i++) {
      mu[i] /= n;
    }
    JavaRDD<Vector> q = centredTexts.map(y -> {
      double[] out = new double[y.length];
      for (int i = 0; i < y.length; i++) {
        out[i] = y[i] - mu[i];
      }
      return Vectors.dense(out);
    });
    Matrix g = new RowMatrix(q.rdd(), n, m).computeGramianMatrix();
    double[][] out = new double[m][m];
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < m; j++) {
        out[i][j] = g.apply(i, j);
      }
    }
    return new Gramian(models, n, out);
  }

  private static double[] centreText(double[] l, double[] floors) {
    double[] y = new double[l.length];
    double mean = 0;
    for (int i = 0; i < l.length; i++) {
      y[i] = Math.max(l[i], floors[i]);
      mean += y[i];
    }
    mean /= l.length;
    for (int i = 0; i < l.length; i++) {
      y[i] -= mean;
    }
    return y;
  }

  private static double[] add(double[] a, double[] b) {
    for (int i = 0; i < a.length; i++) {
      a[i] += b[i];
    }
    return a;
  }

  @Override
  public void close() {
    texts.unpersist();
  }
}

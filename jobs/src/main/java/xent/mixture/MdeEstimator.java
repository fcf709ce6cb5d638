package xent.mixture;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.struct;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.api.java.function.Function2;
import org.apache.spark.ml.linalg.DenseVector;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.catalyst.encoders.ExpressionEncoder;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

/**
 * The Mixture of Data Experts estimate (Belenki et al., 2025): per token the mixture's probability
 * is p_w(t) = sum_i w_i p_i(t), and the estimated loss of mixture w on validation domain j is
 * -mean over the tokens of j of log p_w(t), in nats per token.
 *
 * <p>The tokens are one cached Dataset (domain index, K log-probs per token), built once by
 * exploding the experts' aligned per-token arrays; every estimate is then one pass over it that
 * evaluates a whole batch of mixtures (per-domain sums of each partition, added in partition order).
 */
public final class MdeEstimator implements AutoCloseable {

  /** One row per validation token: its domain (index into {@link #domains()}) and log p_i(t) of each expert. */
  public static final StructType TOKEN_SCHEMA = new StructType()
      .add("domain_index", DataTypes.IntegerType, false)
      .add("logprobs", SQLDataTypes.VectorType(), false);

  private final List<String> domains;
  private final int experts;
  private final Dataset<Row> tokens;
  private final long[] tokenCounts;

  private MdeEstimator(List<String> domains, int experts, Dataset<Row> tokens) {
    this.domains = List.copyOf(domains);
    this.experts = experts;
    this.tokens = tokens;
    this.tokenCounts = countTokens();
  }

  /**
   * The token dataset of aligned expert rows (model, doc_id, domain, token_logprob); the caller
   * has checked the alignment ({@link TokenAlignment#checkDocuments}).
   */
  static MdeEstimator of(Dataset<Row> expertRows, List<String> expertModels, List<String> domains) {
    Map<String, Integer> expertIndex = new HashMap<>();
    expertModels.forEach(m -> expertIndex.put(m, expertIndex.size()));
    Map<String, Integer> domainIndex = new HashMap<>();
    domains.forEach(d -> domainIndex.put(d, domainIndex.size()));
    int k = expertModels.size();
    Dataset<Row> documents = expertRows
        .groupBy("doc_id")
        .agg(first("domain").as("domain"), collect_list(struct(col("model"), col("token_logprob"))).as("experts"))
        // a shuffle's output order depends on which map output arrived first: fix it, so that
        // every pass adds the same tokens in the same order and reruns give the same bits
        .sortWithinPartitions("doc_id");
    FlatMapFunction<Row, Row> explode = document -> {
      int domain = domainIndex.get(document.<String>getAs("domain"));
      List<Row> perExpert = document.getList(document.fieldIndex("experts"));
      float[][] logprobs = new float[k][];
      for (Row cell : perExpert) {
        List<Float> values = cell.getList(1);
        float[] array = new float[values.size()];
        for (int t = 0; t < array.length; t++) {
          array[t] = values.get(t);
        }
        logprobs[expertIndex.get(cell.getString(0))] = array;
      }
      int n = logprobs[0].length;
      List<Row> out = new ArrayList<>(n);
      for (int t = 0; t < n; t++) {
        double[] token = new double[k];
        for (int i = 0; i < k; i++) {
          token[i] = logprobs[i][t];
        }
        out.add(RowFactory.create(domain, Vectors.dense(token)));
      }
      return out.iterator();
    };
    Dataset<Row> tokens = documents.flatMap(explode, ExpressionEncoder.apply(TOKEN_SCHEMA))
        .persist(StorageLevel.MEMORY_AND_DISK());
    return new MdeEstimator(domains, k, tokens);
  }

  /** An estimator over a token dataset already in {@link #TOKEN_SCHEMA} (cached here). */
  public static MdeEstimator ofTokens(Dataset<Row> tokens, List<String> domains, int experts) {
    return new MdeEstimator(domains, experts, tokens.persist(StorageLevel.MEMORY_AND_DISK()));
  }

  public List<String> domains() {
    return domains;
  }

  public int experts() {
    return experts;
  }

  /** Tokens per validation domain. */
  public long[] tokenCounts() {
    return tokenCounts.clone();
  }

  private long[] countTokens() {
    int d = domains.size();
    JavaRDD<Row> rdd = tokens.javaRDD();
    return rdd.treeAggregate(new long[d], (counts, row) -> {
      counts[row.getInt(0)]++;
      return counts;
    }, (a, b) -> {
      for (int j = 0; j < d; j++) {
        a[j] += b[j];
      }
      return a;
    }, 2);
  }

  /**
   * MDE losses of a batch of mixtures, in one pass: {@code result[m][j]} = -mean over the tokens
   * of domain j of log sum_i mixtures[m][i] p_i(t).
   */
  public double[][] losses(double[][] mixtures) {
    int m = mixtures.length;
    int k = experts;
    int d = domains.size();
    for (double[] w : mixtures) {
      Simplex.check(w, k, "mixture");
    }
    double[][] weights = new double[m][];
    for (int a = 0; a < m; a++) {
      weights[a] = mixtures[a].clone();
    }
    Function2<double[], Row, double[]> add = (sums, row) -> {
      int j = row.getInt(0);
      double[] logprobs = ((DenseVector) row.get(1)).values();
      double top = max(logprobs);
      double[] scaled = scaled(logprobs, top);
      for (int a = 0; a < m; a++) {
        sums[a * d + j] -= logMix(weights[a], logprobs, scaled, top);
      }
      return sums;
    };
    double[] sums = sumInPartitionOrder(new double[m * d], add);
    double[][] losses = new double[m][d];
    for (int a = 0; a < m; a++) {
      for (int j = 0; j < d; j++) {
        losses[a][j] = tokenCounts[j] == 0 ? Double.NaN : sums[a * d + j] / tokenCounts[j];
      }
    }
    return losses;
  }

  /**
   * MDE losses of one mixture and their gradients, in one pass: {@code gradients[j][i]} =
   * dL_j/dw_i = -mean over the tokens of j of p_i(t) / p_w(t).
   */
  public double[] lossesAndGradients(double[] mixture, double[][] gradients) {
    int k = experts;
    int d = domains.size();
    double[] w = Simplex.check(mixture, k, "mixture").clone();
    Function2<double[], Row, double[]> add = (sums, row) -> {
      int j = row.getInt(0);
      double[] logprobs = ((DenseVector) row.get(1)).values();
      double top = max(logprobs);
      double[] scaled = scaled(logprobs, top);
      double logP = logMix(w, logprobs, scaled, top);
      sums[j] -= logP;
      int base = d + j * k;
      for (int i = 0; i < k; i++) {
        sums[base + i] -= Math.exp(logprobs[i] - logP);
      }
      return sums;
    };
    double[] sums = sumInPartitionOrder(new double[d + d * k], add);
    double[] losses = new double[d];
    for (int j = 0; j < d; j++) {
      losses[j] = sums[j] / tokenCounts[j];
      for (int i = 0; i < k; i++) {
        gradients[j][i] = sums[d + j * k + i] / tokenCounts[j];
      }
    }
    return losses;
  }

  /**
   * log sum_i w_i exp(logprobs_i) in double, given scaled_i = exp(logprobs_i - top) with top the
   * largest log-prob. When the weighted experts are all so far below the top that the scaled sum
   * underflows, the log-sum-exp is redone around the largest weighted term.
   */
  static double logMix(double[] w, double[] logprobs, double[] scaled, double top) {
    double s = 0;
    for (int i = 0; i < w.length; i++) {
      s += w[i] * scaled[i];
    }
    if (s > Double.MIN_NORMAL) {
      return top + Math.log(s);
    }
    double best = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < w.length; i++) {
      if (w[i] > 0) {
        best = Math.max(best, Math.log(w[i]) + logprobs[i]);
      }
    }
    double sum = 0;
    for (int i = 0; i < w.length; i++) {
      if (w[i] > 0) {
        sum += Math.exp(Math.log(w[i]) + logprobs[i] - best);
      }
    }
    return best + Math.log(sum);
  }

  /** exp(logprobs_i - top): the experts' probabilities over the largest, in (0, 1]. */
  private static double[] scaled(double[] logprobs, double top) {
    double[] scaled = new double[logprobs.length];
    for (int i = 0; i < scaled.length; i++) {
      scaled[i] = Math.exp(logprobs[i] - top);
    }
    return scaled;
  }

  private static double max(double[] values) {
    double top = Double.NEGATIVE_INFINITY;
    for (double v : values) {
      top = Math.max(top, v);
    }
    return top;
  }

  /**
   * Per-partition sums, added on the driver in partition order. treeAggregate merges partial sums
   * in the order tasks finish, which changes the last bits of a double sum from run to run; the
   * partials are small (mixtures x domains), so collecting them costs nothing.
   */
  private double[] sumInPartitionOrder(double[] zero, Function2<double[], Row, double[]> add) {
    List<double[]> partials = tokens.javaRDD().mapPartitions(rows -> {
      double[] sums = zero.clone();
      while (rows.hasNext()) {
        sums = add.call(sums, rows.next());
      }
      return List.of(sums).iterator();
    }).collect();
    double[] total = zero.clone();
    partials.forEach(p -> addInto(total, p));
    return total;
  }

  private static double[] addInto(double[] a, double[] b) {
    for (int i = 0; i < a.length; i++) {
      a[i] += b[i];
    }
    return a;
  }

  @Override
  public void close() {
    tokens.unpersist();
  }
}

package xent.mixture;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import xent.scoring.ScoreTable;

/**
 * Per-token log-probs of K experts on documents of D domains, as float arrays (what a score table
 * holds), with the MDE loss computed from them by brute force in double.
 */
final class SyntheticExperts {

  final List<String> experts;
  final List<String> domains;
  /** logprobs[doc][expert][token], floats widened to double. */
  final List<double[][]> logprobs = new ArrayList<>();
  final List<Integer> docDomain = new ArrayList<>();

  SyntheticExperts(List<String> domains, int docsPerDomain, long seed) {
    this.domains = List.copyOf(domains);
    this.experts = domains.stream().map(d -> "expert-" + d).toList();
    Random random = new Random(seed);
    int k = domains.size();
    for (int j = 0; j < domains.size(); j++) {
      for (int doc = 0; doc < docsPerDomain; doc++) {
        int n = 3 + random.nextInt(12);
        double[][] lp = new double[k][n];
        for (int i = 0; i < k; i++) {
          for (int t = 0; t < n; t++) {
            // The expert of the document's own domain is better on it, and the experts disagree per token.
            double mean = i == j ? -2.0 : -3.5 + 0.3 * i;
            lp[i][t] = (float) Math.min(-1e-3, mean + 1.5 * random.nextGaussian());
          }
        }
        logprobs.add(lp);
        docDomain.add(j);
      }
    }
  }

  /** The score table rows (schema of ScoreTable with per-token columns, plus model). */
  Dataset<Row> table(SparkSession spark) {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < experts.size(); i++) {
      for (int doc = 0; doc < logprobs.size(); doc++) {
        rows.add(row(experts.get(i), doc, logprobs.get(doc)[i]));
      }
    }
    return spark.createDataFrame(rows, ScoreTable.schema(true).add("model", "string"));
  }

  Row row(String model, int doc, double[] lp) {
    Float[] floats = new Float[lp.length];
    double sum = 0;
    for (int t = 0; t < lp.length; t++) {
      floats[t] = (float) lp[t];
      sum += lp[t];
    }
    return RowFactory.create("doc-" + doc, domains.get(docDomain.get(doc)), (long) lp.length, 4L * lp.length,
        (long) lp.length, sum, floats, null, null, null, model);
  }

  /** -mean over the tokens of each domain of log sum_i w_i p_i, straight from the definition. */
  double[] bruteForce(double[] w) {
    double[] sum = new double[domains.size()];
    long[] count = new long[domains.size()];
    for (int doc = 0; doc < logprobs.size(); doc++) {
      double[][] lp = logprobs.get(doc);
      int j = docDomain.get(doc);
      for (int t = 0; t < lp[0].length; t++) {
        double p = 0;
        for (int i = 0; i < w.length; i++) {
          p += w[i] * Math.exp(lp[i][t]);
        }
        sum[j] -= Math.log(p);
        count[j]++;
      }
    }
    for (int j = 0; j < sum.length; j++) {
      sum[j] /= count[j];
    }
    return sum;
  }
}

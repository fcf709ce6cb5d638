package xent.map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import xent.SparkTest;

/**
 * The claim the map rests on: d_ij = ||q_i - q_j||^2 / N estimates 2 KL(p_i || p_j).
 *
 * <p>Oyama et al.'s argument: with texts x ~ p_0, d_ij is the sample variance of
 * log p_i(x) - log p_j(x) (the double centring removes its mean), and when p_i and p_j lie in a
 * small neighbourhood of p_0 (log-ratios of order eps), Var_{p_0}[log p_i/p_j] = 2 KL(p_i || p_j)
 * + O(eps^3). The synthetic models here satisfy exactly that: bigram models over 6 symbols whose
 * logits are p_0's plus N(0, eps^2) noise, eps from 0.03 to 0.3 per model, texts of 40 symbols
 * sampled from p_0, and KL over whole texts computed exactly by the chain rule.
 */
@SparkTest
class KlGeometryTest {

  private static SparkSession spark;

  @BeforeAll
  static void start(SparkSession session) {
    spark = session;
  }

  @Test
  void distancesEstimateTwiceTheKlDivergenceOfBigramModels() {
    Random random = new Random(11);
    MarkovTextModel reference = MarkovTextModel.random(6, 40, random);
    int m = 12;
    int n = 4000;
    List<MarkovTextModel> models = new ArrayList<>();
    for (int i = 0; i < m; i++) {
      models.add(reference.perturbed(0.03 + 0.27 * i / (m - 1), random));
    }
    List<double[]> columns = new ArrayList<>();
    for (int t = 0; t < n; t++) {
      int[] text = reference.sample(random);
      columns.add(models.stream().mapToDouble(p -> p.logLikelihood(text)).toArray());
    }
    List<String> names = ScoreRows.names(m);
    ModelDistances d;
    try (LogLikelihoodMatrix l = LogLikelihoodMatrix.of(spark, names,
        JavaSparkContext.fromSparkContext(spark.sparkContext()).parallelize(columns, 4))) {
      d = l.gramian(0).distances();
    }
    List<Double> estimate = new ArrayList<>();
    List<Double> twiceKl = new ArrayList<>();
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < m; j++) {
        if (i != j) {
          estimate.add(d.get(i, j));
          twiceKl.add(2 * models.get(i).klTo(models.get(j)));
        }
      }
    }
    double r = pearson(twiceKl, estimate);
    double slope = slopeThroughOrigin(twiceKl, estimate);
    System.out.printf("KL geometry: %d ordered pairs, 2 KL from %.3f to %.3f nats; Pearson r = %.4f, slope = %.4f%n",
        estimate.size(), twiceKl.stream().mapToDouble(v -> v).min().orElseThrow(),
        twiceKl.stream().mapToDouble(v -> v).max().orElseThrow(), r, slope);
    assertTrue(r >= 0.95, "Pearson r of d_ij against 2 KL: " + r);
    assertEquals(1.0, slope, 0.1, "slope of d_ij against 2 KL");
  }

  static double pearson(List<Double> x, List<Double> y) {
    double mx = x.stream().mapToDouble(v -> v).average().orElseThrow();
    double my = y.stream().mapToDouble(v -> v).average().orElseThrow();
    double sxy = 0;
    double sxx = 0;
    double syy = 0;
    for (int k = 0; k < x.size(); k++) {
      sxy += (x.get(k) - mx) * (y.get(k) - my);
      sxx += (x.get(k) - mx) * (x.get(k) - mx);
      syy += (y.get(k) - my) * (y.get(k) - my);
    }
    return sxy / Math.sqrt(sxx * syy);
  }

  /** Least-squares slope of y = b x (both are zero together: identical models). */
  static double slopeThroughOrigin(List<Double> x, List<Double> y) {
    double sxy = 0;
    double sxx = 0;
    for (int k = 0; k < x.size(); k++) {
      sxy += x.get(k) * y.get(k);
      sxx += x.get(k) * x.get(k);
    }
    return sxy / sxx;
  }
}

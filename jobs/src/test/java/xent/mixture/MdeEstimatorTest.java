package xent.mixture;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import xent.SparkTest;

/** The Spark MDE estimator against brute force, and the refusal of experts whose tokens do not align. */
@SparkTest
class MdeEstimatorTest {

  private static SparkSession spark;
  private static SyntheticExperts synthetic;
  private static MdeEstimator estimator;

  @BeforeAll
  static void start(SparkSession session) {
    spark = session;
    synthetic = new SyntheticExperts(List.of("fiction", "news", "sotu"), 6, 3);
    Dataset<Row> rows = synthetic.table(spark).select("model", "doc_id", "domain", "n_tokens", "token_logprob")
        .repartition(3);
    TokenAlignment.checkDocuments(rows, synthetic.experts);
    estimator = MdeEstimator.of(rows, synthetic.experts, synthetic.domains);
  }

  @AfterAll
  static void stop() {
    estimator.close();
  }

  @Test
  void estimatesManyMixturesInOnePassAsBruteForceDoes() {
    double[][] mixtures = {
        {1.0 / 3, 1.0 / 3, 1.0 / 3}, {0.7, 0.2, 0.1}, {0.05, 0.05, 0.9}, {0.5, 0.5, 0.0}, {1e-6, 0.999999, 0.0}};
    double[][] estimates = estimator.losses(mixtures);
    for (int m = 0; m < mixtures.length; m++) {
      double[] expected = synthetic.bruteForce(mixtures[m]);
      for (int j = 0; j < expected.length; j++) {
        assertEquals(expected[j], estimates[m][j], 1e-9, "mixture " + m + ", domain " + j);
      }
    }
  }

  @Test
  void aVertexIsThatExpertsOwnCrossEntropy() {
    long[] counts = estimator.tokenCounts();
    for (int i = 0; i < 3; i++) {
      double[] estimate = estimator.losses(new double[][] {Simplex.vertex(3, i)})[0];
      double[] crossEntropy = new double[3];
      for (int doc = 0; doc < synthetic.logprobs.size(); doc++) {
        for (double lp : synthetic.logprobs.get(doc)[i]) {
          crossEntropy[synthetic.docDomain.get(doc)] -= lp;
        }
      }
      for (int j = 0; j < 3; j++) {
        assertEquals(crossEntropy[j] / counts[j], estimate[j], 1e-9, "expert " + i + ", domain " + j);
      }
    }
  }

  @Test
  void gradientMatchesCentralDifferencesOfBruteForce() {
    double[] w = {0.2, 0.5, 0.3};
    double[][] gradients = new double[3][3];
    double[] losses = estimator.lossesAndGradients(w, gradients);
    double[] expected = synthetic.bruteForce(w);
    double h = 1e-6;
    for (int i = 0; i < 3; i++) {
      // The loss extends off the simplex (-log of a linear function), so partial derivatives are defined.
      double[] up = w.clone();
      double[] down = w.clone();
      up[i] += h;
      down[i] -= h;
      double[] fUp = synthetic.bruteForce(up);
      double[] fDown = synthetic.bruteForce(down);
      for (int j = 0; j < 3; j++) {
        assertEquals((fUp[j] - fDown[j]) / (2 * h), gradients[j][i], 1e-6, "dL_" + j + "/dw_" + i);
        assertEquals(expected[j], losses[j], 1e-9);
      }
    }
  }

  @Test
  void countsEveryTokenOnce() {
    long[] counts = estimator.tokenCounts();
    long[] expected = new long[3];
    for (int doc = 0; doc < synthetic.logprobs.size(); doc++) {
      expected[synthetic.docDomain.get(doc)] += synthetic.logprobs.get(doc)[0].length;
    }
    assertEquals(List.of(expected[0], expected[1], expected[2]), List.of(counts[0], counts[1], counts[2]));
  }

  @Test
  void refusesADocumentScoredWithDifferentTokenCountsNamingItAndTheExperts() {
    List<Row> rows = new ArrayList<>(synthetic.table(spark).collectAsList());
    double[] longer = new double[synthetic.logprobs.get(4)[1].length + 2];
    java.util.Arrays.fill(longer, -2.0);
    rows.removeIf(r -> r.getString(0).equals("doc-4") && r.getAs("model").equals("expert-news"));
    rows.add(synthetic.row("expert-news", 4, longer));
    Dataset<Row> table = spark.createDataFrame(rows, synthetic.table(spark).schema());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> TokenAlignment.checkDocuments(table, synthetic.experts));
    int n = synthetic.logprobs.get(4)[0].length;
    assertTrue(e.getMessage().contains("doc 'doc-4': expert-fiction " + n + " tokens, expert-news " + (n + 2)
        + " tokens, expert-sotu " + n + " tokens"), e.getMessage());
    assertTrue(e.getMessage().contains("share a tokenizer"), e.getMessage());
  }

  @Test
  void refusesADocumentMissingForAnExpert() {
    Dataset<Row> table = synthetic.table(spark)
        .filter(col("doc_id").notEqual("doc-7").or(col("model").notEqual("expert-sotu")));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> TokenAlignment.checkDocuments(table, synthetic.experts));
    assertTrue(e.getMessage().contains("doc 'doc-7'") && e.getMessage().contains("expert-sotu missing"),
        e.getMessage());
  }

  @Test
  void refusesExpertsWhoseTokenizerFilesDiffer(@TempDir Path dir) throws Exception {
    for (String expert : synthetic.experts) {
      Files.createDirectories(dir.resolve(expert));
      Files.writeString(dir.resolve(expert).resolve("tokenizer.json"), "{\"model\":{\"vocab\":{\"a\":0}}}");
    }
    TokenAlignment.checkTokenizerFiles(dir, synthetic.experts);
    Files.writeString(dir.resolve("expert-news").resolve("tokenizer.json"), "{\"model\":{\"vocab\":{\"b\":0}}}");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> TokenAlignment.checkTokenizerFiles(dir, synthetic.experts));
    assertTrue(e.getMessage().contains("do not share a tokenizer") && e.getMessage().contains("[expert-news]")
        && e.getMessage().contains("[expert-fiction, expert-sotu]"), e.getMessage());
  }
}

package xent.mixture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import xent.SparkTest;
import xent.table.CsvTable;

/** xent mixture end to end on a per-token score table written as Parquet, with observed mixtures in a CSV. */
@SparkTest
class MixtureJobTest {

  private static SparkSession spark;

  @BeforeAll
  static void start(SparkSession session) {
    spark = session;
  }

  @Test
  void writesEstimatesLeaveOneOutMetricsOptimumAndPlots(@TempDir Path dir) throws Exception {
    SyntheticExperts synthetic = new SyntheticExperts(List.of("news", "sotu"), 4, 8);
    Path scores = dir.resolve("scores");
    synthetic.table(spark).write().partitionBy("model").parquet(scores.toString());
    double[][] mixtures = {{0.9, 0.1}, {0.6, 0.4}, {0.25, 0.75}, {0.05, 0.95}};
    StringBuilder csv = new StringBuilder("model,domain,weight,loss\n");
    double[][] mde = new double[mixtures.length][];
    for (int n = 0; n < mixtures.length; n++) {
      mde[n] = synthetic.bruteForce(mixtures[n]);
      for (int j = 0; j < 2; j++) {
        // A trained mixture does a little better than its MDE estimate, in the same order.
        csv.append(String.format(java.util.Locale.ROOT, "mixture-%02d,%s,%s,%.12f%n", n, synthetic.domains.get(j),
            mixtures[n][j], 0.8 * mde[n][j] + 0.6));
      }
    }
    Files.writeString(dir.resolve("observed.csv"), csv);
    Path out = dir.resolve("out");
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    MixtureJob.run(spark, new MixtureOptions(scores.toString(), dir.resolve("observed.csv").toString(), out,
        Map.of("news", 2.0, "sotu", 1.0), null, null, null, null, 300, 2, 5), new PrintStream(log, true, StandardCharsets.UTF_8));

    CsvTable estimates = CsvTable.read(out.resolve("estimates.csv"));
    assertEquals(List.of("model", "domain", "w_news", "w_sotu", "mde", "observed"), estimates.header());
    assertEquals(mixtures.length * 2, estimates.rows().size());
    double[] estimated = estimates.numbers("mde");
    for (int n = 0; n < mixtures.length; n++) {
      for (int j = 0; j < 2; j++) {
        assertEquals(mde[n][j], estimated[2 * n + j], 1e-8, "mixture " + n + ", domain " + j);
      }
    }
    assertEquals(mixtures.length * 2 * 6, CsvTable.read(out.resolve("loo.csv")).rows().size());
    CsvTable metrics = CsvTable.read(out.resolve("metrics.csv"));
    assertEquals(3 * 6, metrics.rows().size());
    for (int r = 0; r < metrics.rows().size(); r++) {
      if (metrics.text("method").get(r).equals("mde")) {
        assertEquals(1.0, metrics.numbers("spearman")[r], 1e-12, "MDE ranks losses that are increasing in it");
      }
    }
    assertTrue(Files.readString(out.resolve("metrics.md")).contains("| all domains |"));

    CsvTable optimum = CsvTable.read(out.resolve("optimum.csv"));
    assertEquals(List.of("mde", "mde", "linear+mde", "gbt+mde", "regmix", "linear", "mixing-law"),
        optimum.text("method"));
    double[] predicted = optimum.numbers("predicted_objective");
    double[] mdeObjective = optimum.numbers("mde_objective");
    assertEquals(predicted[0], mdeObjective[0], 1e-9, "the MDE objective of the EG mixture, recomputed");
    assertTrue(predicted[0] <= predicted[1] + 1e-9, "EG at least as good as the Dirichlet search on MDE");
    double[] w = {optimum.numbers("w_news")[0], optimum.numbers("w_sotu")[0]};
    double[] brute = synthetic.bruteForce(w);
    assertEquals((2 * brute[0] + brute[1]) / 3, predicted[0], 1e-8, "target news=2, sotu=1");

    assertEquals(mixtures.length * 2 + 1, Files.readAllLines(out.resolve("observed.csv")).size());
    for (String file : List.of("mixture.png", "mixture.svg", "mixture.html", "optimum.json")) {
      assertTrue(Files.size(out.resolve(file)) > 100, file);
    }
    String html = Files.readString(out.resolve("mixture.html"));
    assertTrue(html.contains("<svg") && html.contains("gbt+mde") && html.contains("Chosen mixtures"));
    String printed = log.toString(StandardCharsets.UTF_8);
    System.out.print(printed);
    assertTrue(printed.contains("validation tokens") && printed.contains("exponentiated gradient"), printed);
  }

  @Test
  void readsObservedLossesFromAScoreTableAndMixturesFromTrainingJson(@TempDir Path dir) throws Exception {
    List<org.apache.spark.sql.Row> rows = new java.util.ArrayList<>();
    // mixture-00: news docs of 10 and 30 tokens, logprob -20 and -90: loss (20 + 90) / 40 = 2.75.
    rows.add(org.apache.spark.sql.RowFactory.create("d1", "news", 10L, 40L, 10L, -20.0, "mixture-00"));
    rows.add(org.apache.spark.sql.RowFactory.create("d2", "news", 30L, 120L, 30L, -90.0, "mixture-00"));
    rows.add(org.apache.spark.sql.RowFactory.create("d3", "sotu", 5L, 20L, 5L, -15.0, "mixture-00"));
    rows.add(org.apache.spark.sql.RowFactory.create("d3", "sotu", 5L, 20L, 5L, -15.0, "scaling-x"));
    Path scores = dir.resolve("scores");
    spark.createDataFrame(rows, xent.scoring.ScoreTable.schema(false).add("model", "string"))
        .write().partitionBy("model").parquet(scores.toString());
    Path models = dir.resolve("models");
    Files.createDirectories(models.resolve("mixture-00"));
    Files.writeString(models.resolve("mixture-00").resolve("training.json"), "{\"family\":\"gpt2\",\"parameters\":1,"
        + "\"non_embedding_parameters\":1,\"step\":1,\"steps\":1,\"tokens\":1,\"flops\":1,\"learning_rate\":[1],"
        + "\"loss\":[5],\"data\":{\"mixture\":{\"news\":0.25,\"sotu\":0.75}}}");
    ObservedMixtures observed = ObservedMixtures.read(spark, scores.toString(), "mixture-*", models);
    assertEquals(List.of("mixture-00"), observed.models());
    assertEquals(Map.of("news", 0.25, "sotu", 0.75), observed.weights().get("mixture-00"));
    assertEquals(2.75, observed.losses().get("mixture-00").get("news"), 1e-12);
    assertEquals(3.0, observed.losses().get("mixture-00").get("sotu"), 1e-12);

    Files.writeString(models.resolve("mixture-00").resolve("training.json"), Files.readString(
        models.resolve("mixture-00").resolve("training.json")).replace("0.75", "0.7"));
    IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> ObservedMixtures.read(spark, scores.toString(), "mixture-*", models));
    assertTrue(e.getMessage().contains("observed model mixture-00: weights sum to 0.95"), e.getMessage());
  }
}

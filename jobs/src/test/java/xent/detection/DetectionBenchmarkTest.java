package xent.detection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import xent.SparkTest;
import xent.detect.DocumentMetric;
import xent.detect.MetricSettings;
import xent.model.ModelSpec;
import xent.score.ScoringOptions;
import xent.scoring.CorpusOptions;
import xent.scoring.ScoreTable;
import xent.scoring.TestModels;

/**
 * The benchmark draws N documents a side, scores them with every metric, and reports for each
 * metric the AUROC of the score tables' own values (pair counting here), oriented so that higher
 * means member.
 */
@SparkTest
class DetectionBenchmarkTest {

  @TempDir Path dir;

  private static Path corpus(Path file, String prefix, int n, long seed) throws IOException {
    StringBuilder jsonl = new StringBuilder();
    for (int i = 0; i < n; i++) {
      JsonObject row = new JsonObject();
      row.addProperty("id", prefix + i);
      row.addProperty("text", TestModels.prose(60 + 17 * (i % 5), seed + i));
      jsonl.append(row).append('\n');
    }
    Files.writeString(file, jsonl, StandardCharsets.UTF_8);
    return file;
  }

  @Test
  void reportsEachMetricsAurocOfTheScoredDrawOrientedTowardsMembers(SparkSession spark) throws IOException {
    ModelSpec model = new ModelSpec("tiny", TestModels.tinyLlama(dir.resolve("tiny")));
    Path members = corpus(dir.resolve("members.jsonl"), "m", 14, 100);
    Path held = corpus(dir.resolve("held.jsonl"), "h", 9, 900);
    BenchmarkOptions options = new BenchmarkOptions(DocumentMetric.Question.MEMBER, List.of(model),
        CorpusOptions.of(members.toString()), CorpusOptions.of(held.toString()), null, 8, 7,
        MetricSettings.of("loss,zlib,mink,minkpp"), null, null, ScoringOptions.DEFAULT.withMaxLength(64), 200,
        dir.resolve("out").toString());
    List<BenchmarkResult> results = DetectionBenchmark.run(spark, options);
    assertEquals(4, results.size());
    for (BenchmarkResult r : results) {
      DocumentMetric metric = DocumentMetric.ofKey(r.metric());
      double[] yes = oriented(spark, dir.resolve("out/scores-positives"), metric);
      double[] no = oriented(spark, dir.resolve("out/scores-negatives"), metric);
      assertEquals(8, yes.length, "members drawn");
      assertEquals(8, no.length, "held-out drawn");
      assertEquals(RocTest.pairCount(yes, no), r.auroc(), 1e-12, r.metric());
      assertTrue(r.aurocLow() <= r.auroc() && r.auroc() <= r.aurocHigh(), r.toString());
    }
    String json = Files.readString(dir.resolve("out/membership.json"));
    JsonReader strict = new JsonReader(new StringReader(json));
    strict.setStrictness(Strictness.STRICT);
    assertEquals(4, JsonParser.parseReader(strict).getAsJsonObject().getAsJsonArray("results").size());
    assertEquals(5, Files.readAllLines(dir.resolve("out/membership.csv")).size());
    assertTrue(Files.readString(dir.resolve("out/roc-tiny.svg")).contains("<svg"));

    // the same seed draws the same documents and gives the same numbers
    BenchmarkOptions again = new BenchmarkOptions(options.question(), options.models(), options.positives(),
        options.negatives(), null, 8, 7, options.metrics(), null, null, options.scoring(), 200, dir.resolve("again").toString());
    assertEquals(results, DetectionBenchmark.run(spark, again));
  }

  @Test
  void metricsOfAnotherQuestionAreRefusedNamingTheOnesThatAsk() {
    IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> new BenchmarkOptions(DocumentMetric.Question.MACHINE, List.of(), CorpusOptions.of("a"),
            CorpusOptions.of("b"), null, 10, 1, MetricSettings.of("fastdetect,mink"), null, null, ScoringOptions.DEFAULT,
            10, "out"));
    assertEquals("--metrics mink does not detect machine (it asks membership); metrics that do:"
        + " fastdetect,binoculars,zeroshot", e.getMessage());
  }

  private static double[] oriented(SparkSession spark, Path scores, DocumentMetric metric) {
    return ScoreTable.read(spark, scores.toString()).select(metric.key()).collectAsList().stream()
        .map(Row.class::cast).mapToDouble(r -> metric.towardsYes(r.getDouble(0))).toArray();
  }
}

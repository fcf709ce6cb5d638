package xent.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import xent.SparkTest;
import xent.Tolerance;
import xent.model.LoadedModel;
import xent.model.ModelSpec;
import xent.score.DocumentScore;
import xent.score.Scorer;
import xent.score.ScoringOptions;

/** The score job in local[2] with two models of two families, against the scoring core. */
@SparkTest
class ScoreJobLocalTest {

  @TempDir static Path dir;
  private static SparkSession spark;
  private static List<ModelSpec> models;
  private static Map<String, String> texts;
  private static Path corpus;

  @BeforeAll
  static void setUp(SparkSession session) throws IOException {
    spark = session;
    // Models built here, not read from ../shared: this test needs two families, not a reference.
    models = List.of(
        new ModelSpec("llama-random", TestModels.llama(dir.resolve("llama-random"))),
        new ModelSpec("gpt2-random", TestModels.gpt2(dir.resolve("gpt2-random"))));
    String text = TestModels.prose(12_000, 11);
    texts = new HashMap<>();
    StringBuilder jsonl = new StringBuilder();
    for (int i = 0; i < 24; i++) {
      int from = (i * 397) % (text.length() - 700);
      String document = text.substring(from, from + 20 + (i * 131) % 660);
      String id = "doc-" + i;
      texts.put(id, document);
      JsonObject row = new JsonObject();
      row.addProperty("id", id);
      row.addProperty("domain", i % 3 == 0 ? "fiction" : "stories");
      row.addProperty("text", document);
      jsonl.append(row).append('\n');
    }
    corpus = dir.resolve("corpus.jsonl");
    Files.writeString(corpus, jsonl, StandardCharsets.UTF_8);
  }

  private static ScoreJobOptions options(Path out, int maxLength) {
    return new ScoreJobOptions(models, CorpusOptions.of(corpus.toString()), out.toString(),
        ScoringOptions.DEFAULT.withMaxLength(maxLength).withEntropyAndRank(true), true, 3);
  }

  @Test
  void scoresEveryDocumentWithEveryModelAsTheScoringCoreDoes() throws Exception {
    Path out = dir.resolve("out");
    ScoreSummary summary = ScoreJob.run(spark, options(out, 128));

    Dataset<Row> scores = spark.read().parquet(out.resolve("scores").toString());
    List<String> columns = List.of(scores.columns());
    for (String c : List.of("model", "doc_id", "domain", "n_tokens", "n_bytes", "n_words",
        "logprob", "token_logprob", "token_entropy", "token_rank")) {
      assertTrue(columns.contains(c), "missing column " + c + " in " + columns);
    }
    assertEquals("double", scores.schema().apply("logprob").dataType().typeName());
    assertEquals(48, scores.count());
    assertEquals(24, scores.select("doc_id").distinct().count());

    for (ModelSpec spec : models) {
      ScoreSummary.ModelTotals totals = summary.models().get(spec.name());
      assertEquals(24, totals.rowsIn());
      assertEquals(24, totals.scored());
      assertEquals(0, totals.rejected());
      Map<String, Row> byId = new HashMap<>();
      for (Row r : scores.where(scores.col("model").equalTo(spec.name())).collectAsList()) {
        byId.put(r.getAs("doc_id"), r);
      }
      assertEquals(24, byId.size());
      long tokens = 0;
      try (LoadedModel model = LoadedModel.load(spec);
          Scorer scorer = new Scorer(model, ScoringOptions.DEFAULT.withMaxLength(128))) {
        for (Map.Entry<String, String> doc : texts.entrySet()) {
          DocumentScore expected = scorer.scoreTexts(List.of(doc.getValue()), true).get(0);
          Row row = byId.get(doc.getKey());
          assertEquals(expected.nTokens(), (long) row.getAs("n_tokens"));
          assertEquals(expected.nBytes(), (long) row.getAs("n_bytes"));
          assertEquals(expected.nWords(), (long) row.getAs("n_words"));
          // The job batches other documents together than the core does here: the forward tolerance.
          int layers = model.config().nLayers();
          assertEquals(expected.logprob(), (double) row.getAs("logprob"),
              Tolerance.forwardSum(expected.nTokens(), layers), doc.getKey());
          List<Float> perToken = row.getList(row.fieldIndex("token_logprob"));
          assertEquals(expected.nTokens(), perToken.size(), doc.getKey());
          for (int i = 0; i < perToken.size(); i++) {
            assertEquals(expected.tokens().logprob()[i], perToken.get(i), Tolerance.perToken(layers),
                doc.getKey() + " token " + i);
          }
          tokens += expected.nTokens();
        }
      }
      assertEquals(tokens, totals.tokens());
    }

    JsonObject json = JsonParser.parseString(Files.readString(out.resolve("summary.json")))
        .getAsJsonObject().getAsJsonObject("llama-random");
    assertEquals(24, json.get("rows_in").getAsLong());
    assertEquals(json.get("rows_in").getAsLong(),
        json.get("scored").getAsLong() + json.get("rejected").getAsLong());
    assertTrue(json.get("nats_per_token").getAsDouble() > 0.5);
    assertEquals(0, spark.read().parquet(out.resolve("rejects").toString()).count());
  }

  @Test
  void summaryCoversEveryModelScoredIntoTheFolderOneRunAtATime() throws Exception {
    Path out = dir.resolve("one-model-per-run");
    for (ModelSpec model : models) {
      ScoreJob.run(spark, new ScoreJobOptions(List.of(model), CorpusOptions.of(corpus.toString()),
          out.toString(), ScoringOptions.DEFAULT.withMaxLength(64).withEntropyAndRank(true), true, 3));
    }
    JsonObject json = JsonParser.parseString(Files.readString(out.resolve("summary.json")))
        .getAsJsonObject();
    assertEquals(List.of("gpt2-random", "llama-random"), List.copyOf(json.keySet()));
    for (String name : json.keySet()) {
      assertEquals(24, json.getAsJsonObject(name).get("scored").getAsLong(), name);
    }
  }

  @Test
  void rerunSkipsFinishedUnitsAndLeavesTheTableAsItWas() throws Exception {
    Path out = dir.resolve("rerun");
    ScoreJob.run(spark, options(out, 64));
    List<Row> first = sorted(out);
    ScoreSummary again = ScoreJob.run(spark, options(out, 64));
    assertEquals(first, sorted(out));
    assertEquals(24, again.models().get("gpt2-random").scored());
  }

  @Test
  void refusesToMixRunsWithOtherOptionsInOneFolder() throws Exception {
    Path out = dir.resolve("mixed");
    ScoreJob.run(spark, options(out, 64));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ScoreJob.run(spark, options(out, 32)));
    assertTrue(e.getMessage().contains("--max-length 32 (was 64)"), e.getMessage());
  }

  static List<Row> sorted(Path out) {
    return new ArrayList<>(spark.read().parquet(out.resolve("scores").toString())
        .orderBy("model", "doc_id").collectAsList());
  }
}

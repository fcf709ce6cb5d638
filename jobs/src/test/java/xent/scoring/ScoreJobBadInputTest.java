package xent.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import xent.SparkTest;
import xent.model.ModelSpec;
import xent.score.ScoringOptions;

/** Bad rows are rejected with reasons and the rest is scored; bad models fail before any task. */
@SparkTest
class ScoreJobBadInputTest {

  @TempDir static Path dir;
  private static SparkSession spark;
  private static ModelSpec tiny;

  @BeforeAll
  static void setUp(SparkSession session) throws IOException {
    spark = session;
    tiny = new ModelSpec("tiny", TestModels.tinyLlama(dir.resolve("tiny")));
  }

  private static void line(ByteArrayOutputStream out, String text) throws IOException {
    out.write(text.getBytes(StandardCharsets.UTF_8));
    out.write('\n');
  }

  private ScoreJobOptions options(List<ModelSpec> models, Path corpus, Path out) {
    return new ScoreJobOptions(models, CorpusOptions.of(corpus.toString()), out.toString(),
        ScoringOptions.DEFAULT.withMaxLength(128).withTokenBudget(16384), false, 2);
  }

  @Test
  void rejectsBadRowsWithReasonsAndScoresTheRest() throws Exception {
    Path corpus = Files.createDirectories(dir.resolve("corpus"));
    ByteArrayOutputStream jsonl = new ByteArrayOutputStream();
    line(jsonl, "{\"id\":\"good\",\"text\":\"A good document.\"}");
    line(jsonl, "{\"id\":\"null-text\",\"text\":null}");
    line(jsonl, "{\"id\":\"empty\",\"text\":\"\"}");
    jsonl.write("{\"id\":\"bad-utf8\",\"text\":\"caf".getBytes(StandardCharsets.UTF_8));
    jsonl.write(new byte[] {(byte) 0xc3, (byte) 0x28});
    line(jsonl, "\"}");
    line(jsonl, "{\"text\":\"no id here\"}");
    line(jsonl, "this line is not JSON");
    String big = "All work and no play makes Jack a dull boy. ".repeat(5 * 1024 * 1024 / 44 + 1);
    line(jsonl, "{\"id\":\"five-mb\",\"text\":\"" + big + "\"}");
    Files.write(corpus.resolve("a.jsonl"), jsonl.toByteArray());
    Files.createSymbolicLink(corpus.resolve("b.jsonl"), dir.resolve("nowhere.jsonl"));

    Path out = dir.resolve("out");
    ScoreSummary summary = ScoreJob.run(spark, options(List.of(tiny), corpus, out));

    ScoreSummary.ModelTotals totals = summary.models().get("tiny");
    assertEquals(8, totals.rowsIn()); // 7 lines of a.jsonl + the unreadable b.jsonl
    assertEquals(4, totals.scored());
    assertEquals(4, totals.rejected());
    assertEquals(totals.rowsIn(), totals.scored() + totals.rejected());

    Map<String, Row> scored = new HashMap<>();
    for (Row r : spark.read().parquet(out.resolve("scores").toString()).collectAsList()) {
      scored.put(r.getAs("doc_id"), r);
    }
    assertEquals(4, scored.size());
    assertEquals(0L, (long) scored.get("empty").getAs("n_tokens"));
    assertEquals(0.0, (double) scored.get("empty").getAs("logprob"));
    assertEquals(big.length(), (long) scored.get("five-mb").getAs("n_bytes"));
    assertEquals(big.length(), (long) scored.get("five-mb").getAs("n_tokens")); // byte-level
    assertTrue((double) scored.get("good").getAs("logprob") < 0);

    Map<String, String> reasons = new HashMap<>();
    for (Row r : spark.read().parquet(out.resolve("rejects").toString()).collectAsList()) {
      reasons.put(r.getAs("doc_id"), r.getAs("reason"));
      assertFalse(((String) r.getAs("source")).isEmpty());
    }
    assertEquals(4, reasons.size(), reasons.toString());
    assertTrue(reasons.get("null-text").contains("null"), reasons.toString());
    assertTrue(reasons.get("bad-utf8").contains("invalid UTF-8"), reasons.toString());
    assertTrue(reasons.values().stream().anyMatch(r -> r.contains("not a JSON")), reasons.toString());
    assertTrue(reasons.values().stream().anyMatch(r -> r.contains("broken symbolic link")),
        reasons.toString());
  }

  @Test
  void missingModelFailsOnTheDriverBeforeAnyTaskNamingThePath() throws IOException {
    Path corpus = dir.resolve("one.jsonl");
    Files.writeString(corpus, "{\"id\":\"a\",\"text\":\"hello\"}\n");
    ModelSpec ghost = new ModelSpec("ghost", dir.resolve("no-such-model"));
    assertFailsBeforeAnyJob(List.of(tiny, ghost), corpus, dir.resolve("no-such-model").toString());
  }

  @Test
  void corruptModelFailsOnTheDriverBeforeAnyTaskNamingTheFile() throws IOException {
    Path broken = Files.createDirectories(dir.resolve("broken"));
    Path source = tiny.path();
    Files.copy(source.resolve("config.json"), broken.resolve("config.json"));
    Files.copy(source.resolve("tokenizer.json"), broken.resolve("tokenizer.json"));
    byte[] weights = Files.readAllBytes(source.resolve("model.safetensors"));
    Files.write(broken.resolve("model.safetensors"), java.util.Arrays.copyOf(weights, weights.length / 2));
    Path corpus = dir.resolve("two.jsonl");
    Files.writeString(corpus, "{\"id\":\"a\",\"text\":\"hello\"}\n");
    assertFailsBeforeAnyJob(List.of(new ModelSpec("broken", broken)), corpus,
        broken.resolve("model.safetensors").toString());
  }

  private void assertFailsBeforeAnyJob(List<ModelSpec> models, Path corpus, String named) {
    try (SparkJobCounter jobs = new SparkJobCounter(spark)) {
      Path out = dir.resolve("out-" + models.size() + "-" + corpus.getFileName());
      IOException e = assertThrows(IOException.class,
          () -> ScoreJob.run(spark, options(models, corpus, out)));
      assertTrue(e.getMessage().contains(named), e.getMessage());
      assertEquals(0, jobs.jobs(), "Spark jobs started before the model check failed");
      assertFalse(Files.exists(out.resolve("_xent/documents")));
    }
  }
}

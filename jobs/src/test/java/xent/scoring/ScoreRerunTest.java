package xent.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import xent.SparkTest;
import xent.model.ModelSpec;
import xent.score.ScoringOptions;

/** A failed or interrupted run never blocks its corrected rerun; a finished one is never mixed. */
@SparkTest
class ScoreRerunTest {

  @TempDir static Path dir;
  private static SparkSession spark;
  private static ModelSpec tiny;
  private static Path corpus;

  @BeforeAll
  static void setUp(SparkSession session) throws IOException {
    spark = session;
    tiny = new ModelSpec("tiny", TestModels.tinyLlama(dir.resolve("tiny")));
    corpus = documents(dir.resolve("corpus.jsonl"), 12);
  }


  /** {@code n} documents of 80 to 190 bytes (byte-level tokens: longer than short windows). */
  static Path documents(Path file, int n) throws IOException {
    StringBuilder jsonl = new StringBuilder();
    for (int i = 0; i < n; i++) {
      JsonObject row = new JsonObject();
      row.addProperty("id", "doc-" + i);
      row.addProperty("text", ("Document " + i + " tells of a cat and a dog. ").repeat(2 + i % 4));
      jsonl.append(row).append('\n');
    }
    Files.writeString(file, jsonl, StandardCharsets.UTF_8);
    return file;
  }

  private static ScoreJobOptions options(Path corpus, Path out, int maxLength) {
    return new ScoreJobOptions(List.of(tiny), CorpusOptions.of(corpus.toString()), out.toString(),
        ScoringOptions.DEFAULT.withMaxLength(maxLength).withTokenBudget(4096), false, 2);
  }

  @Test
  void runFailingOnAMissingCorpusWritesNothingAndItsCorrectedRerunSucceeds() throws IOException {
    Path out = dir.resolve("typo");
    Path missing = dir.resolve("corpus.jsnol");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ScoreJob.run(spark, options(missing, out, 64)));
    assertEquals("corpus '" + missing + "' matches no files", e.getMessage());
    assertFalse(Files.exists(out), "the failed run wrote to --out");

    ScoreSummary summary = ScoreJob.run(spark, options(corpus, out, 64));
    assertEquals(12, summary.models().get("tiny").scored());
    assertEquals(12, ScoreRuns.table(spark, out).size());
  }

  @Test
  void runThatFinishedNoUnitIsReplacedByARunWithOtherOptions() throws IOException {
    Path out = dir.resolve("replaced");
    Path empty = Files.writeString(dir.resolve("empty.jsonl"), "\n\n");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ScoreJob.run(spark, options(empty, out, 64)));
    assertEquals("corpus " + empty + " holds no documents", e.getMessage());
    assertTrue(Files.exists(out.resolve("_xent/plan.json")));

    ScoreSummary summary = ScoreJob.run(spark, options(corpus, out, 32));
    assertEquals(12, summary.models().get("tiny").scored());
    RunPlan plan = RunPlan.fromJson(Files.readString(out.resolve("_xent/plan.json")));
    assertEquals(corpus.toString(), plan.corpus().path());
    assertEquals(32, plan.maxLength());
  }

  @Test
  void refusesOtherOptionsOnceAUnitFinishedNamingTheOptionThenOverwriteStartsAfresh()
      throws IOException {
    Path out = dir.resolve("finished");
    ScoreJob.run(spark, options(corpus, out, 64));
    List<Row> at64 = ScoreRuns.table(spark, out);

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ScoreJob.run(spark, options(corpus, out, 32)));
    assertEquals(out + " holds 2 finished units of a run with other options:"
        + " --max-length 32 (was 64). To resume that run, give its options; to keep it, use"
        + " another --out; to replace it, add --overwrite (deletes its scores, rejects and"
        + " _xent).", e.getMessage());
    assertEquals(at64, ScoreRuns.table(spark, out), "the refused run changed the table");

    ScoreJob.run(spark, options(corpus, out, 32).withOverwrite(true));
    Path fresh = dir.resolve("fresh-32");
    ScoreJob.run(spark, options(corpus, fresh, 32));
    List<Row> at32 = ScoreRuns.table(spark, out);
    ScoreRuns.assertSameTable(ScoreRuns.table(spark, fresh), at32);
    assertNotEquals(at64.get(0).getDouble(5), at32.get(0).getDouble(5),
        "documents longer than 32 tokens score differently in windows of 32 and 64");
  }
}

package xent.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import xent.SparkTest;
import xent.model.ModelSpec;
import xent.score.ScoringOptions;

/** Corpora a careful user would try: empty, cut short, or scored past the model's context. */
@SparkTest
class CorpusEdgeTest {

  @TempDir static Path dir;
  private static SparkSession spark;
  private static ModelSpec tiny;

  @BeforeAll
  static void setUp(SparkSession session) throws IOException {
    spark = session;
    tiny = new ModelSpec("tiny", TestModels.tinyLlama(dir.resolve("tiny"))); // 1024 positions
  }


  private static ScoreJobOptions options(Path corpus, Path out, int maxLength) {
    return new ScoreJobOptions(List.of(tiny), CorpusOptions.of(corpus.toString()), out.toString(),
        ScoringOptions.DEFAULT.withMaxLength(maxLength).withTokenBudget(8192), false, 2);
  }

  @Test
  void emptyCorpusIsRefusedAsHoldingNoDocuments() throws IOException {
    Path folder = Files.createDirectories(dir.resolve("empty"));
    Files.write(folder.resolve("a.jsonl"), new byte[0]);
    Files.writeString(folder.resolve("b.jsonl"), "\n   \n");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ScoreJob.run(spark, options(folder, dir.resolve("out-empty"), 128)));
    assertEquals("corpus " + folder + " holds no documents", e.getMessage());
  }

  @Test
  void truncatedGzipKeepsItsCompleteLinesAndRejectsTheRestWithTheReason() throws IOException {
    ByteArrayOutputStream whole = new ByteArrayOutputStream();
    try (OutputStream gz = new GZIPOutputStream(whole)) {
      for (int i = 0; i < 4000; i++) {
        gz.write(("{\"id\":\"t" + i + "\",\"text\":\"line " + i + " of the archive\"}\n")
            .getBytes(StandardCharsets.UTF_8));
      }
    }
    Path file = Files.createDirectories(dir.resolve("cut")).resolve("part-0.jsonl.gz");
    byte[] bytes = whole.toByteArray();
    Files.write(file, Arrays.copyOf(bytes, bytes.length / 2));

    List<Row> rows = Corpus.read(spark, CorpusOptions.of(file.toString())).collectAsList();
    List<Row> good = rows.stream().filter(r -> r.getAs("reject") == null).toList();
    List<Row> rejected = rows.stream().filter(r -> r.getAs("reject") != null).toList();
    int kept = good.size();
    assertTrue(kept > 100 && kept < 4000, "kept " + kept);
    for (int i = 0; i < kept; i++) { // the lines before the cut, every one whole
      Row row = good.get(i);
      assertEquals("t" + i, row.getAs("doc_id"));
      assertEquals("line " + i + " of the archive", row.getAs("text"));
      assertEquals(i + 1L, (long) row.getAs("row"));
    }
    assertEquals(1, rejected.size());
    assertEquals("file:" + file, rejected.get(0).getAs("doc_id"));
    assertNull(rejected.get(0).getAs("row"));
    String reason = rejected.get(0).getAs("reject");
    assertTrue(reason.startsWith("truncated gzip after line " + kept + ": EOFException: "), reason);

    ScoreSummary.ModelTotals totals = ScoreJob.run(spark, options(file, dir.resolve("out-cut"), 128))
        .models().get("tiny");
    assertEquals(kept, totals.scored());
    assertEquals(1, totals.rejected());
  }

  @Test
  void maxLengthAboveTheContextIsRefusedOnTheDriverBeforeAnySparkJob() throws IOException {
    Path corpus = Files.writeString(dir.resolve("one.jsonl"), "{\"id\":\"a\",\"text\":\"hello\"}\n");
    Path out = dir.resolve("out-too-long");
    try (SparkJobCounter jobs = new SparkJobCounter(spark)) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> ScoreJob.run(spark, options(corpus, out, 100_000)));
      assertEquals("model tiny: --max-length 100000 exceeds its context of 1024 positions;"
          + " use --max-length 1024 or less", e.getMessage());
      assertEquals(0, jobs.jobs(), "Spark jobs started before the check failed");
      assertFalse(Files.exists(out));
    }
  }
}

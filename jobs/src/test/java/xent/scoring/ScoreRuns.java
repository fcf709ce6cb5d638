package xent.scoring;

import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** Corpora and table comparisons shared by the score job's end-to-end tests. */
public final class ScoreRuns {

  private ScoreRuns() {}

  /** The reference data folder, or null when this machine has none. */
  public static Path shared() {
    Path shared = Path.of(System.getProperty("xent.shared", "../shared")).toAbsolutePath().normalize();
    return Files.isDirectory(shared.resolve("models/stories260K")) ? shared : null;
  }

  /** {@code n} documents cut from the reference story, with ids and two domains. */
  public static Path storyCorpus(Path shared, Path file, int n) throws IOException {
    String story = Files.readString(shared.resolve("reference/tinystory.txt"), StandardCharsets.UTF_8);
    StringBuilder jsonl = new StringBuilder();
    for (int i = 0; i < n; i++) {
      int from = (i * 397) % (story.length() - 900);
      JsonObject row = new JsonObject();
      row.addProperty("id", "doc-" + i);
      row.addProperty("domain", i % 3 == 0 ? "fiction" : "stories");
      row.addProperty("text", story.substring(from, from + 200 + (i * 131) % 700));
      jsonl.append(row).append('\n');
    }
    Files.writeString(file, jsonl, StandardCharsets.UTF_8);
    return file;
  }

  /** Committed units in a score job's output folder (their marker files). */
  public static long committedUnits(Path out) throws IOException {
    Path units = out.resolve("_xent/units");
    if (!Files.isDirectory(units)) {
      return 0;
    }
    try (java.util.stream.Stream<Path> files = Files.walk(units)) {
      return files.filter(f -> f.toString().endsWith(".json")).count();
    }
  }

  /**
   * Waits (at most 4 minutes) until {@code out} holds {@code units} committed units or
   * {@code job} has ended, to kill something mid-job.
   */
  public static void awaitCommittedUnits(Path out, long units, Process job)
      throws IOException, InterruptedException {
    java.time.Instant deadline = java.time.Instant.now().plus(java.time.Duration.ofMinutes(4));
    while (committedUnits(out) < units && job.isAlive() && java.time.Instant.now().isBefore(deadline)) {
      Thread.sleep(100);
    }
  }

  /** {@code score} arguments for stories260K and a GPT-2 folder, 8 splits: 16 units. */
  public static String[] scoreArguments(Path shared, Path gpt2, Path corpus, Path out) {
    return new String[] {"score",
        "--model", "stories260K=" + shared.resolve("models/stories260K"),
        "--model", "gpt2-random=" + gpt2,
        "--corpus", corpus.toString(), "--out", out.toString(),
        "--max-length", "128", "--splits", "8"};
  }

  /** The score table of {@code out}, sorted, as rows of (model, doc_id, n_tokens, n_bytes, logprob). */
  public static List<Row> table(SparkSession spark, Path out) {
    return spark.read().parquet(out.resolve("scores").toString())
        .select("model", "doc_id", "n_tokens", "n_bytes", "n_words", "logprob")
        .orderBy("model", "doc_id")
        .collectAsList();
  }

  /** Two tables hold the same documents with the same numbers (logprob within 1e-4). */
  public static void assertSameTable(List<Row> expected, List<Row> actual) {
    org.junit.jupiter.api.Assertions.assertEquals(expected.size(), actual.size(), "row count");
    for (int i = 0; i < expected.size(); i++) {
      Row e = expected.get(i);
      Row a = actual.get(i);
      for (int c = 0; c < 5; c++) {
        org.junit.jupiter.api.Assertions.assertEquals(e.get(c), a.get(c), "row " + i + " column " + c);
      }
      org.junit.jupiter.api.Assertions.assertEquals(e.getDouble(5), a.getDouble(5), 1e-4, "row " + i + " logprob");
    }
  }
}

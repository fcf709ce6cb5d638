package xent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import xent.scoring.LocalSpark;
import xent.scoring.ScoreRuns;
import xent.scoring.TestModels;

/** The driver of {@code bin/xent score} killed mid-job; the same command again resumes it. */
class ScoreResumeIT {

  private static final int UNITS = 16; // 2 models x 8 splits

  @Test
  void killedDriverThenRerunEqualsAnUninterruptedRunAndSkipsFinishedUnits(@TempDir Path dir)
      throws Exception {
    Path shared = ScoreRuns.shared();
    assumeTrue(shared != null, "skipped: reference data (../shared) not found");
    Path gpt2 = TestModels.gpt2(dir.resolve("gpt2"));
    Path corpus = ScoreRuns.storyCorpus(shared, dir.resolve("corpus.jsonl"), 240);

    Path reference = dir.resolve("uninterrupted");
    BinXent.Run whole = BinXent.run(ScoreRuns.scoreArguments(shared, gpt2, corpus, reference));
    assertEquals(0, whole.exit(), whole.stderr());

    Path out = dir.resolve("interrupted");
    List<String> command = new ArrayList<>(List.of(BinXent.HOME.resolve("bin/xent").toString()));
    command.addAll(List.of(ScoreRuns.scoreArguments(shared, gpt2, corpus, out)));
    Process driver = new ProcessBuilder(command)
        .redirectOutput(dir.resolve("killed.out").toFile())
        .redirectError(dir.resolve("killed.err").toFile())
        .start();
    ScoreRuns.awaitCommittedUnits(out, 3, driver);
    driver.descendants().forEach(ProcessHandle::destroyForcibly);
    driver.destroyForcibly().waitFor();
    long committed = ScoreRuns.committedUnits(out);
    assertTrue(committed >= 3 && committed < UNITS,
        "the kill should land mid-job; committed units: " + committed);

    BinXent.Run rerun = BinXent.run(ScoreRuns.scoreArguments(shared, gpt2, corpus, out));
    assertEquals(0, rerun.exit(), rerun.stderr());
    Matcher skipped = Pattern.compile("skipped (\\d+) finished units of " + UNITS).matcher(rerun.stderr());
    assertTrue(skipped.find(), rerun.stderr());
    assertTrue(Long.parseLong(skipped.group(1)) >= committed, rerun.stderr());

    SparkSession spark = LocalSpark.start("score-resume-it");
    try {
      List<org.apache.spark.sql.Row> expected = ScoreRuns.table(spark, reference);
      assertEquals(2 * 240, expected.size());
      ScoreRuns.assertSameTable(expected, ScoreRuns.table(spark, out));
    } finally {
      spark.stop();
    }
  }
}

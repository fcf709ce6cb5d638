package xent.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The summary of a folder: which models it lists in which order, and their lm-eval style means. */
@Tag("fast")
class ScoreSummaryTest {

  @TempDir Path dir;

  private void unit(String model, int split, long scored, long rejected, long tokens, long bytes, double logprob)
      throws IOException {
    Path file = Files.createDirectories(dir.resolve("_xent/units/model=" + model)).resolve("split=" + split + ".json");
    Files.writeString(file, new UnitStats(model, split, scored + rejected, scored, rejected, tokens, bytes,
        logprob, 2.0).toJson());
  }

  private ScoreSummary summary(List<String> runModels) throws IOException {
    return ScoreSummary.of(runModels, new UnitLedger(new ScoreFolder(new Configuration(), dir.toString())), 0);
  }

  @Test
  void listsThisRunsModelsFirstThenEarlierRunsModelsSorted() throws IOException {
    unit("zeta", 0, 1, 0, 1, 1, -1);
    unit("alpha", 0, 1, 0, 1, 1, -1);
    unit("mid", 0, 1, 0, 1, 1, -1);
    assertEquals(List.of("mid", "new", "alpha", "zeta"), List.copyOf(summary(List.of("mid", "new")).models().keySet()));
  }

  @Test
  void meansAreSumsDividedOnceNotMeansOfUnits() throws IOException {
    unit("m", 0, 3, 1, 100, 400, -250.0);
    unit("m", 1, 1, 0, 20, 30, -10.0);
    ScoreSummary.ModelTotals t = summary(List.of("m")).models().get("m");
    assertEquals(List.of(5L, 4L, 1L, 120L), List.of(t.rowsIn(), t.scored(), t.rejected(), t.tokens()));
    assertEquals(260.0 / 120, t.natsPerToken(), 1e-15);
    assertEquals(260.0 / 430 / Math.log(2), t.bitsPerByte(), 1e-15);
    assertEquals(4.0, t.seconds(), 0.0);
  }

  @Test
  void aModelWithoutCommittedUnitsHasZeroCountsAndNoMeans() throws IOException {
    ScoreSummary summary = summary(List.of("m"));
    ScoreSummary.ModelTotals t = summary.models().get("m");
    assertEquals(0, t.rowsIn());
    assertTrue(Double.isNaN(t.natsPerToken()) && Double.isNaN(t.bitsPerByte()));
    assertTrue(summary.toJson().contains("\"nats_per_token\": null"), summary.toJson());
  }
}

package xent.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import xent.model.ModelSpec;
import xent.score.ScoringOptions;

/** Which plan a run goes by: a new one, the earlier one resumed, or the earlier one replaced or refused. */
@Tag("fast")
class RunPlannerTest {

  @TempDir Path dir;

  private final AtomicInteger derived = new AtomicInteger();

  private ScoreJobOptions options(int maxLength, int splits) {
    return new ScoreJobOptions(List.of(new ModelSpec("m", dir.resolve("m"))), CorpusOptions.of("docs.jsonl"),
        dir.toString(), ScoringOptions.DEFAULT.withMaxLength(maxLength), false, splits);
  }

  private RunPlan plan(ScoreJobOptions options) throws IOException {
    ScoreFolder folder = new ScoreFolder(new Configuration(), dir.toString());
    return new RunPlanner(folder, new UnitLedger(folder)).plan(options, () -> {
      derived.incrementAndGet();
      return 6;
    });
  }

  private void file(String name, String text) throws IOException {
    Path file = dir.resolve(name);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }

  private void finishedUnit() throws IOException {
    file("_xent/units/model=m/split=0.json", new UnitStats("m", 0, 1, 1, 0, 3, 5, -2.0, 0.1).toJson());
  }

  @Test
  void aNewFolderGetsThePlanOfItsOptionsWrittenToPlanJson() throws IOException {
    RunPlan plan = plan(options(64, 3));
    assertEquals(new RunPlan(CorpusOptions.of("docs.jsonl"), 64, 0, false, 3), plan);
    assertEquals(plan, RunPlan.fromJson(Files.readString(dir.resolve("_xent/plan.json"))));
    assertEquals(0, derived.get());
  }

  @Test
  void derivesTheSplitsOnlyForANewPlanThatLeavesThemOpen() throws IOException {
    assertEquals(6, plan(options(64, 0)).splits());
    assertEquals(1, derived.get());
    assertEquals(6, plan(options(64, 0)).splits()); // resumed: the corpus is not measured again
    assertEquals(1, derived.get());
  }

  @Test
  void resumesTheEarlierPlanWithTheSameOptionsKeepingItsUnits() throws IOException {
    plan(options(64, 3));
    finishedUnit();
    assertEquals(3, plan(options(64, 0)).splits());
    assertTrue(Files.exists(dir.resolve("_xent/units/model=m/split=0.json")));
  }

  @Test
  void replacesAnEarlierPlanThatFinishedNoUnitKeepingTheLock() throws IOException {
    plan(options(64, 3));
    file("_xent/lock", "driver");
    file("_xent/documents/split=0/part-0.parquet", "staged");
    file("scores/model=m/split=0/part-0.parquet", "half-written");

    assertEquals(128, plan(options(128, 3)).maxLength());
    assertEquals(128, RunPlan.fromJson(Files.readString(dir.resolve("_xent/plan.json"))).maxLength());
    assertFalse(Files.exists(dir.resolve("_xent/documents")));
    assertFalse(Files.exists(dir.resolve("scores")));
    assertTrue(Files.exists(dir.resolve("_xent/lock")));
  }

  @Test
  void refusesOtherOptionsOnceAUnitFinishedNamingTheOptionAndTheWayOut() throws IOException {
    plan(options(64, 3));
    finishedUnit();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> plan(options(128, 3)));
    assertEquals(dir + " holds 1 finished units of a run with other options: --max-length 128 (was 64). To"
        + " resume that run, give its options; to keep it, use another --out; to replace it, add --overwrite"
        + " (deletes its scores, rejects and _xent).", e.getMessage());
    assertEquals(64, RunPlan.fromJson(Files.readString(dir.resolve("_xent/plan.json"))).maxLength());
  }

  @Test
  void overwriteDiscardsAFinishedRunButNotTheLock() throws IOException {
    plan(options(64, 3));
    finishedUnit();
    file("_xent/lock", "driver");
    file("summary.json", "{}");
    file("rejects/model=m/split=0/part-0.parquet", "r");

    assertEquals(128, plan(options(128, 3).withOverwrite(true)).maxLength());
    assertFalse(Files.exists(dir.resolve("_xent/units")));
    assertFalse(Files.exists(dir.resolve("summary.json")));
    assertFalse(Files.exists(dir.resolve("rejects")));
    assertTrue(Files.exists(dir.resolve("_xent/lock")));
  }
}

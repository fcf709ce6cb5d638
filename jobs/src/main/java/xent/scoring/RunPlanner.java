package xent.scoring;

import java.io.IOException;
import java.util.List;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides the plan a run goes by, and writes it to OUT/_xent/plan.json. An earlier plan with the
 * same options is resumed; one with other options is replaced when none of its units finished (a
 * run that failed or was stopped early must not block its corrected rerun), and refused otherwise,
 * naming each option that differs. {@code --overwrite} discards any earlier run first.
 */
final class RunPlanner {

  private static final Logger LOG = LoggerFactory.getLogger(RunPlanner.class);

  /** The number of splits for a new plan when the options leave it open (reads the corpus size). */
  @FunctionalInterface
  interface SplitCount {
    int get() throws IOException;
  }

  private final ScoreFolder folder;
  private final UnitLedger ledger;

  RunPlanner(ScoreFolder folder, UnitLedger ledger) {
    this.folder = folder;
    this.ledger = ledger;
  }

  RunPlan plan(ScoreJobOptions options, SplitCount derivedSplits) throws IOException {
    Path out = folder.out();
    if (options.overwrite()) {
      if (discardEarlierRun()) {
        LOG.info("--overwrite: deleted the earlier run in {}", out);
        System.err.println("xent score: --overwrite: deleted the earlier run in " + out);
      }
    } else if (folder.fs().exists(folder.plan())) {
      RunPlan earlier = RunPlan.fromJson(folder.read(folder.plan()));
      RunPlan asked = RunPlan.of(options, earlier.splits());
      List<String> conflicts = asked.conflictsWith(earlier, options.splits());
      if (conflicts.isEmpty()) {
        return earlier;
      }
      long finished = ledger.committedUnits();
      if (finished > 0) {
        throw new IllegalArgumentException(out + " holds " + finished + " finished units of a run"
            + " with other options: " + String.join("; ", conflicts) + ". To resume that run,"
            + " give its options; to keep it, use another --out; to replace it, add --overwrite"
            + " (deletes its scores, rejects and _xent).");
      }
      LOG.info("replacing the unfinished run in {} ({})", out, String.join("; ", conflicts));
      System.err.println("xent score: " + out + " holds a run with other options ("
          + String.join("; ", conflicts) + ") that finished no unit; starting afresh");
      discardEarlierRun();
    }
    int splits = options.splits() > 0 ? options.splits() : derivedSplits.get();
    RunPlan plan = RunPlan.of(options, splits);
    folder.write(folder.plan(), plan.toJson());
    return plan;
  }

  /** Deletes what a run leaves in OUT, except the lock this run holds; false when none was there. */
  private boolean discardEarlierRun() throws IOException {
    FileSystem fs = folder.fs();
    boolean any = false;
    for (String name : List.of("scores", "rejects", "summary.json")) {
      any |= fs.delete(new Path(folder.out(), name), true);
    }
    if (fs.exists(folder.meta())) {
      for (FileStatus entry : fs.listStatus(folder.meta())) {
        if (!entry.getPath().getName().equals("lock")) {
          any |= fs.delete(entry.getPath(), true);
        }
      }
    }
    return any;
  }
}

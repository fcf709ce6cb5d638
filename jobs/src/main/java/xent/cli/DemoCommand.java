package xent.cli;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import xent.demo.DemoPlan;
import xent.demo.DemoRun;
import xent.demo.Heartbeat;
import xent.demo.StepOutcome;
import xent.report.DemoLayout;
import xent.report.DemoReport;

/**
 * {@code xent demo}: every job of xent on the sample corpora, in one JVM and one Spark session,
 * ending in one self-contained HTML report.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
        "Fetch the sample corpora, train the small grid, score it, map it, estimate mixture losses, fit"
            + " scaling laws, and write DIR/report.html.",
        "Finished steps are reused when rerun (DIR/_demo/STEP.json); --force reruns all."})
public final class DemoCommand implements Callable<Integer> {

  @Mixin ConfigFile.Option config;

  @Option(names = "--out", defaultValue = "demo", paramLabel = "DIR", description = "Output folder (default ${DEFAULT-VALUE}).")
  Path out;

  @Option(names = "--preset", defaultValue = "small", paramLabel = "small|full",
      description = "Training grid preset (default ${DEFAULT-VALUE}: minutes on 2 cores).")
  String preset;

  @Option(names = "--skip", split = ",", paramLabel = "STEP",
      description = "Steps not to run: corpora, train-grid, score, map, mixture, scaling-dataset, scaling-fit.")
  List<String> skip = List.of();

  @Option(names = "--force", description = "Rerun every step, even those finished earlier.")
  boolean force;

  @Option(names = "--corpus", paramLabel = "DIR",
      description = "Use this corpus folder (train.jsonl, valid.jsonl) instead of fetching the samples.")
  Path corpus;

  @Option(names = "--bootstrap", defaultValue = "200", paramLabel = "B",
      description = "Bootstrap resamples of each scaling fit (default ${DEFAULT-VALUE}).")
  int bootstrap;

  /** Commands that print their own periodic progress: a heartbeat beside it is noise. */
  private static final Set<String> SELF_REPORTING = Set.of("score", "train-grid");

  @Override
  public Integer call() throws Exception {
    Path dir = out.toAbsolutePath().normalize();
    DemoPlan plan = new DemoPlan(new DemoLayout(dir), preset, corpus == null ? null : corpus.toAbsolutePath().normalize(), bootstrap);
    Set<String> skipped = new HashSet<>(skip);
    try (JobSession session = JobSession.open("xent demo")) {
      DemoRun.Xent xent = line -> {
        try (Heartbeat beat = SELF_REPORTING.contains(line.get(0)) ? null
            : new Heartbeat(session.spark().sparkContext(), "xent " + line.get(0), System.out)) {
          return Main.commandLine().execute(line.toArray(String[]::new));
        }
      };
      List<StepOutcome> outcomes = new DemoRun(dir, force, skipped, xent, DemoReport::write, System.out)
          .run(plan.steps());
      return outcomes.get(outcomes.size() - 1).status() == StepOutcome.Status.FAILED ? 1 : 0;
    }
  }
}

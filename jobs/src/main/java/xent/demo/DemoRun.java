package xent.demo;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import xent.clock.WallTime;

/**
 * Runs the demo's steps in order, reusing finished ones.
 *
 * <p>A step is reused when its completion marker holds the same command lines and none of the
 * steps it needs ran in this run (a step that ran may have changed what later steps read). A step
 * that runs after its marker was written, after a step it needs ran, or under {@code --force},
 * starts from empty output folders; a step without a marker whose inputs did not change was
 * interrupted and resumes on what it left (the score job skips its committed units). The marker is written only
 * after every command of the step succeeded. DIR/_demo/run.json records what became of each step.
 */
public final class DemoRun {

  /** Runs one xent command line in this JVM and returns its exit code. */
  @FunctionalInterface
  public interface Xent {
    int run(List<String> commandLine);
  }

  /** The last step, always run: the report, from the steps' output files and DIR/_demo/run.json. */
  @FunctionalInterface
  public interface Report {
    Path write(Path out) throws IOException;
  }

  static final String REPORT = "report";

  private final Path out;
  private final boolean force;
  private final Set<String> skip;
  private final Xent xent;
  private final Report report;
  private final PrintStream log;

  public DemoRun(Path out, boolean force, Set<String> skip, Xent xent, Report report, PrintStream log) {
    this.out = out;
    this.force = force;
    this.skip = Set.copyOf(skip);
    this.xent = xent;
    this.report = report;
    this.log = log;
  }

  /**
   * Runs {@code steps}, then the report; stops at the first failure, whose outcome is the last of
   * the list.
   */
  public List<StepOutcome> run(List<DemoStep> steps) throws IOException {
    List<String> names = steps.stream().map(DemoStep::name).toList();
    for (String s : skip) {
      if (!names.contains(s)) {
        throw new IllegalArgumentException("--skip " + s + ": no such step; the steps are " + names);
      }
    }
    long start = System.nanoTime();
    List<StepOutcome> outcomes = new ArrayList<>();
    Set<String> ran = new HashSet<>();
    int n = steps.size() + 1;
    for (int i = 0; i < steps.size(); i++) {
      DemoStep step = steps.get(i);
      log.printf("%nxent demo: step %d/%d %s: %s%n", i + 1, n, step.name(), step.description());
      StepOutcome outcome = runStep(step, step.needs().stream().anyMatch(ran::contains));
      outcomes.add(outcome);
      printEnd(i + 1, n, outcome);
      if (outcome.status() == StepOutcome.Status.FAILED) {
        writeRecord(outcomes, (System.nanoTime() - start) / 1e9);
        printTimings(outcomes, (System.nanoTime() - start) / 1e9);
        return outcomes;
      }
      if (outcome.status() == StepOutcome.Status.RAN) {
        ran.add(step.name());
      }
    }
    writeRecord(outcomes, (System.nanoTime() - start) / 1e9);
    log.printf("%nxent demo: step %d/%d %s: %s%n", n, n, REPORT, "one HTML page with every figure and table");
    long reportStart = System.nanoTime();
    Path page = report.write(out);
    StepOutcome written = new StepOutcome(REPORT, "the HTML report", StepOutcome.Status.RAN,
        (System.nanoTime() - reportStart) / 1e9, page.toString());
    outcomes.add(written);
    printEnd(n, n, written);
    printTimings(outcomes, (System.nanoTime() - start) / 1e9);
    log.println("xent demo: report " + page.toAbsolutePath());
    return outcomes;
  }

  private void printEnd(int i, int n, StepOutcome outcome) {
    log.printf(Locale.ROOT, "xent demo: step %d/%d %s %s%s%n", i, n, outcome.step(),
        outcome.status().name().toLowerCase(Locale.ROOT),
        outcome.status() == StepOutcome.Status.RAN ? String.format(Locale.ROOT, " in %s", WallTime.format(outcome.seconds()))
            : outcome.note().isEmpty() ? "" : " (" + outcome.note() + ")");
  }

  private StepOutcome runStep(DemoStep step, boolean inputsChanged) throws IOException {
    if (skip.contains(step.name())) {
      return new StepOutcome(step.name(), step.description(), StepOutcome.Status.SKIPPED, 0, "--skip " + step.name());
    }
    List<List<String>> commandLines;
    try {
      commandLines = step.commandLines().get();
    } catch (IOException e) {
      return new StepOutcome(step.name(), step.description(), StepOutcome.Status.FAILED, 0,
          "cannot work out its command lines: " + e.getMessage());
    }
    StepMarker marker = StepMarker.read(out, step.name());
    boolean same = marker != null && marker.commandLines().equals(commandLines);
    if (same && !force && !inputsChanged) {
      return new StepOutcome(step.name(), step.description(), StepOutcome.Status.REUSED, 0,
          String.format(Locale.ROOT, "finished earlier in %s; --force reruns it", WallTime.format(marker.seconds())));
    }
    StepMarker.delete(out, step.name());
    if (force || inputsChanged || marker != null) {
      for (Path output : step.outputs()) {
        deleteTree(output);
      }
    }
    long start = System.nanoTime();
    for (List<String> line : commandLines) {
      log.println("  $ xent " + String.join(" ", line));
      int code = xent.run(line);
      if (code != 0) {
        return new StepOutcome(step.name(), step.description(), StepOutcome.Status.FAILED,
            (System.nanoTime() - start) / 1e9, "xent " + line.get(0) + " exited with " + code
                + "; rerun the same command to resume");
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    new StepMarker(step.name(), commandLines, seconds, Instant.now().toString()).write(out);
    return new StepOutcome(step.name(), step.description(), StepOutcome.Status.RAN, seconds, "");
  }

  /** Deletes a step's output folder, which must lie inside the demo's folder. */
  private void deleteTree(Path output) throws IOException {
    Path base = out.toAbsolutePath().normalize();
    Path target = output.toAbsolutePath().normalize();
    if (!target.startsWith(base) || target.equals(base)) {
      throw new IllegalArgumentException("step output " + output + " is not inside the demo folder " + out);
    }
    if (!Files.exists(target)) {
      return;
    }
    try (Stream<Path> tree = Files.walk(target)) {
      for (Path p : tree.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  private void writeRecord(List<StepOutcome> outcomes, double seconds) throws IOException {
    JsonObject record = new JsonObject();
    JsonArray steps = new JsonArray();
    for (StepOutcome o : outcomes) {
      JsonObject s = new JsonObject();
      s.addProperty("step", o.step());
      s.addProperty("description", o.description());
      s.addProperty("status", o.status().name().toLowerCase(Locale.ROOT));
      s.addProperty("seconds", o.seconds());
      s.addProperty("note", o.note());
      // The command lines, seeds included, that made the step's outputs (this run's or an earlier one's).
      StepMarker marker = StepMarker.read(out, o.step());
      if (marker != null) {
        JsonArray commands = new JsonArray();
        marker.commandLines().forEach(line -> commands.add("xent " + String.join(" ", line)));
        s.add("commands", commands);
      }
      steps.add(s);
    }
    record.add("steps", steps);
    record.addProperty("seconds", seconds);
    record.addProperty("finished", Instant.now().toString());
    Path file = out.resolve("_demo").resolve("run.json");
    Files.createDirectories(file.getParent());
    Files.writeString(file, new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(record) + "\n",
        StandardCharsets.UTF_8);
  }

  private void printTimings(List<StepOutcome> outcomes, double seconds) {
    log.printf("%nxent demo: %-16s %-8s %10s%n", "step", "status", "time");
    for (StepOutcome o : outcomes) {
      log.printf(Locale.ROOT, "xent demo: %-16s %-8s %10s%n", o.step(), o.status().name().toLowerCase(Locale.ROOT),
          o.status() == StepOutcome.Status.RAN || o.status() == StepOutcome.Status.FAILED ? WallTime.format(o.seconds()) : "-");
    }
    log.printf(Locale.ROOT, "xent demo: %-16s %-8s %10s%n", "total", "", WallTime.format(seconds));
  }

}

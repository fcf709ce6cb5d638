package xent.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which steps the demo runs, reuses or resumes, and when it writes their completion markers. */
@Tag("fast")
class DemoRunTest {

  private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());

  @TempDir Path out;

  /**
   * A stand-in for xent: "write NAME TEXT" appends TEXT to OUT/NAME/log.txt and succeeds unless
   * NAME is in {@code failing}. Every command line it is given is recorded.
   */
  private final List<List<String>> ran = new ArrayList<>();
  private final Set<String> failing = new HashSet<>();

  private int xent(List<String> line) {
    ran.add(line);
    if (failing.contains(line.get(1))) {
      return 1;
    }
    try {
      Path folder = out.resolve(line.get(1));
      Files.createDirectories(folder);
      Files.writeString(folder.resolve("log.txt"), line.get(2) + "\n", StandardCharsets.UTF_8,
          java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
      return 0;
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private DemoStep step(String name, String text, String... needs) {
    return new DemoStep(name, "writes " + name, List.of(needs), List.of(out.resolve(name)),
        () -> List.of(List.of("write", name, text)));
  }

  private List<StepOutcome> run(boolean force, Set<String> skip, DemoStep... steps) throws IOException {
    return new DemoRun(out, force, skip, this::xent, dir -> Files.writeString(dir.resolve("report.html"), "r"), QUIET)
        .run(List.of(steps));
  }

  private List<StepOutcome.Status> statuses(List<StepOutcome> outcomes) {
    return outcomes.stream().map(StepOutcome::status).toList();
  }

  private String log(String step) throws IOException {
    return Files.readString(out.resolve(step).resolve("log.txt"), StandardCharsets.UTF_8);
  }

  @Test
  void writesTheMarkerOnlyAfterTheStepSucceeded() throws IOException {
    failing.add("b");
    List<StepOutcome> first = run(false, Set.of(), step("a", "1"), step("b", "1", "a"), step("c", "1", "b"));
    assertEquals(List.of(StepOutcome.Status.RAN, StepOutcome.Status.FAILED), statuses(first),
        "the run stops at the failed step, before c and the report");
    assertNotNull(StepMarker.read(out, "a"));
    assertNull(StepMarker.read(out, "b"), "no marker for a failed step");
    assertFalse(Files.exists(out.resolve("report.html")));
    assertTrue(Files.readString(out.resolve("_demo/run.json")).contains("\"failed\""));

    failing.clear();
    ran.clear();
    List<StepOutcome> second = run(false, Set.of(), step("a", "1"), step("b", "1", "a"), step("c", "1", "b"));
    assertEquals(List.of(StepOutcome.Status.REUSED, StepOutcome.Status.RAN, StepOutcome.Status.RAN,
        StepOutcome.Status.RAN), statuses(second), "a reused; b, c and the report run");
    assertEquals(List.of(List.of("write", "b", "1"), List.of("write", "c", "1")), ran);
    assertEquals(List.of(List.of("write", "b", "1")), StepMarker.read(out, "b").commandLines());
    assertEquals("1\n", log("a"), "a ran once");
    assertTrue(Files.exists(out.resolve("report.html")));
    assertTrue(Files.readString(out.resolve("_demo/run.json")).contains("\"commands\": [\n        \"xent write a 1\"\n"),
        "run.json keeps the command lines (seeds included) that made each step's outputs, a reused one's too");
  }

  @Test
  void reusesStepsWithTheSameCommandLinesAndRerunsChangedOnesWithTheStepsThatNeedThem() throws IOException {
    run(false, Set.of(), step("a", "1"), step("b", "1", "a"), step("c", "1", "b"), step("d", "1", "a"));
    ran.clear();
    assertEquals(List.of(StepOutcome.Status.REUSED, StepOutcome.Status.REUSED, StepOutcome.Status.REUSED,
        StepOutcome.Status.REUSED, StepOutcome.Status.RAN),
        statuses(run(false, Set.of(), step("a", "1"), step("b", "1", "a"), step("c", "1", "b"), step("d", "1", "a"))));
    assertEquals(List.of(), ran, "nothing reran");

    List<StepOutcome> changed = run(false, Set.of(), step("a", "1"), step("b", "2", "a"), step("c", "1", "b"),
        step("d", "1", "a"));
    assertEquals(List.of(StepOutcome.Status.REUSED, StepOutcome.Status.RAN, StepOutcome.Status.RAN,
        StepOutcome.Status.REUSED, StepOutcome.Status.RAN), statuses(changed),
        "b changed, so c, which reads b, reruns too; d does not read b");
    assertEquals("2\n", log("b"), "a rerun starts from an empty output folder");
    assertEquals("1\n", log("c"));
    assertEquals("1\n", log("a"));

    List<StepOutcome> upstream = run(false, Set.of(), step("a", "2"), step("b", "2", "a"), step("c", "1", "b"),
        step("d", "1", "a"));
    assertEquals(List.of(StepOutcome.Status.RAN, StepOutcome.Status.RAN, StepOutcome.Status.RAN,
        StepOutcome.Status.RAN, StepOutcome.Status.RAN), statuses(upstream), "a change reaches every step after it");
  }

  @Test
  void anInterruptedStepResumesOnWhatItLeft() throws IOException {
    run(false, Set.of(), step("a", "1"));
    Files.createDirectories(out.resolve("b"));
    Files.writeString(out.resolve("b/log.txt"), "half\n"); // b was killed before its marker
    List<StepOutcome> resumed = run(false, Set.of(), step("a", "1"), step("b", "1", "a"));
    assertEquals(List.of(StepOutcome.Status.REUSED, StepOutcome.Status.RAN, StepOutcome.Status.RAN),
        statuses(resumed));
    assertEquals("half\n1\n", log("b"), "outputs of an interrupted step are kept for it to resume");
  }

  @Test
  void forceRerunsEveryStepFromEmptyFolders() throws IOException {
    run(false, Set.of(), step("a", "1"), step("b", "1"));
    ran.clear();
    assertEquals(List.of(StepOutcome.Status.RAN, StepOutcome.Status.RAN, StepOutcome.Status.RAN),
        statuses(run(true, Set.of(), step("a", "1"), step("b", "1", "a"))));
    assertEquals(2, ran.size());
    assertEquals("1\n", log("a"));
  }

  @Test
  void skippedStepsDoNotRunAndUnknownNamesAreRefused() throws IOException {
    List<StepOutcome> outcomes = run(false, Set.of("b"), step("a", "1"), step("b", "1"), step("c", "1"));
    assertEquals(List.of(StepOutcome.Status.RAN, StepOutcome.Status.SKIPPED, StepOutcome.Status.RAN,
        StepOutcome.Status.RAN), statuses(outcomes));
    assertNull(StepMarker.read(out, "b"));
    assertFalse(Files.exists(out.resolve("b")));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> run(false, Set.of("mixtures"), step("a", "1"), step("mixture", "1")));
    assertEquals("--skip mixtures: no such step; the steps are [a, mixture]", e.getMessage());
  }
}

package xent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import xent.scoring.TestModels;

/** The CLI's error path, through {@link Main#run} in this JVM: one line naming the input, the exit code, no trace. */
@Tag("fast")
class MainErrorsTest {

  @TempDir static Path dir;
  static Path model;
  static Path text;

  /** Exit code and the two streams of one run. */
  record Run(int exit, String stdout, String stderr) {

    List<String> errLines() {
      return Arrays.stream(stderr.split("\n")).filter(l -> !l.isBlank()).toList();
    }

    /** The single stderr line of a failed run, checked for xent's form and for the absence of a trace. */
    String errorLine(int expectedExit) {
      assertEquals(expectedExit, exit, stderr);
      List<String> lines = errLines();
      assertEquals(1, lines.size(), "expected one line on stderr, got:\n" + stderr);
      assertTrue(lines.get(0).startsWith("xent: error: "), lines.get(0));
      assertFalse(stderr.lines().anyMatch(l -> l.startsWith("\tat ") || l.startsWith("at ")), stderr);
      return lines.get(0);
    }
  }

  static Run xent(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @BeforeAll
  static void inputs() throws Exception {
    model = TestModels.gpt2(dir.resolve("gpt2"));
    text = Files.writeString(dir.resolve("t.txt"), "hello");
  }

  @Test
  void missingModelFolderFailsNamingTheSpecAndThePath() {
    String line = xent("logprob", "--model", "nope=/no/such", text.toString()).errorLine(1);
    assertEquals("xent: error: model 'nope=/no/such': model folder /no/such does not exist", line);
  }

  @Test
  void modelSpecWithoutPathIsAUsageError() {
    String line = xent("logprob", "--model", "foo", text.toString()).errorLine(2);
    assertTrue(line.endsWith("model spec 'foo' must be NAME=PATH"), line);
    assertTrue(line.contains("--model"), line);
  }

  @Test
  void unreadableCheckpointFailsNamingTheModel() throws Exception {
    Path broken = TestModels.gpt2(dir.resolve("broken"));
    Files.write(broken.resolve("model.safetensors"), new byte[] {1, 2, 3});
    String line = xent("logprob", "--model", "broken=" + broken, text.toString()).errorLine(1);
    assertTrue(line.startsWith("xent: error: model 'broken=" + broken + "': "), line);
  }

  @Test
  void misspeltOptionIsReportedAsUnknownNotAsTheMissingRequiredOne() {
    String line = xent("logprob", "--modle", "x", "f.txt").errorLine(2);
    assertTrue(line.startsWith("xent: error: Unknown option: '--modle'"), line);
    assertTrue(line.contains("--model"), "picocli's suggestion is kept: " + line);
    for (String command : List.of("score", "map", "train", "train-grid", "textset", "mixture")) {
      String other = xent(command, "--outt", "x").errorLine(2);
      // "Unknown options: '--outt', 'x'" where the command takes no positional parameters
      assertTrue(other.startsWith("xent: error: Unknown option") && other.contains("'--outt'"), command + ": " + other);
    }
  }

  @Test
  void unknownRootOptionIsReportedBeforeTheSubcommandsMissingOptions() {
    String line = xent("--mastr", "logprob").errorLine(2);
    assertEquals("xent: error: Unknown option: '--mastr'", line);
  }

  @Test
  void missingCorpusFailsBeforeSparkStartsAndWritesNothing() {
    Path out = dir.resolve("score-missing-corpus");
    long start = System.nanoTime();
    String line = xent("score", "--model", "g=" + model, "--corpus", "/no/such/corpus.jsonl", "--out", out.toString())
        .errorLine(1);
    assertEquals("xent: error: corpus /no/such/corpus.jsonl does not exist", line);
    assertFalse(Files.exists(out), "nothing is written to --out");
    assertTrue(System.nanoTime() - start < 10e9, "checked without starting Spark");
  }

  @Test
  void globMatchingNothingFailsNamingTheGlob() {
    String glob = dir.resolve("nothing-here") + "/*.jsonl";
    String line = xent("score", "--model", "g=" + model, "--corpus", glob, "--out", dir.resolve("o").toString())
        .errorLine(1);
    assertEquals("xent: error: corpus glob '" + glob + "' matches no files", line);
  }

  @Test
  void missingModelOfASparkJobFailsBeforeTheCorpusIsRead() {
    String line = xent("score", "--model", "ghost=" + dir.resolve("ghost"), "--corpus", text.toString(),
        "--out", dir.resolve("o2").toString()).errorLine(1);
    assertEquals("xent: error: model 'ghost=" + dir.resolve("ghost") + "': model folder " + dir.resolve("ghost")
        + " does not exist", line);
  }

  @Test
  void missingTrainingCorpusFailsNamingTheFile() {
    Path corpus = dir.resolve("absent.jsonl");
    String line = xent("train", "--corpus", corpus.toString(), "--out", dir.resolve("t").toString()).errorLine(1);
    assertEquals("xent: error: corpus file " + corpus + " does not exist", line);
  }

  @Test
  void missingScoreTableOfTheMapFailsNamingIt() {
    String line = xent("map", "--scores", "/no/such/scores", "--out", dir.resolve("m").toString()).errorLine(1);
    assertEquals("xent: error: score table (--scores) /no/such/scores does not exist", line);
  }

  @Test
  void missingScalingDataFailsNamingTheFile() {
    String line = xent("scaling", "fit", "--data", "/no/such.csv").errorLine(1);
    assertEquals("xent: error: scaling data file (--data) /no/such.csv does not exist", line);
  }

  @Test
  void usageErrorFoundByTheCommandItselfIsExitTwo() {
    String line = xent("textset", "--corpus", text.toString(), "--out", dir.resolve("x").toString(),
        "--select", "variance").errorLine(2);
    assertTrue(line.contains("--select variance needs --from SCORES"), line);
  }

  @Test
  void missingConfigFileIsAUsageError() {
    String line = xent("logprob", "--config", "/no/such.properties", "--model", "g=" + model, text.toString())
        .errorLine(2);
    assertEquals("xent: error: config file /no/such.properties does not exist", line);
  }

  @Test
  void checkOnlyModeRunsNothingForGoodInputsAndFailsForBadOnes() {
    Path out = dir.resolve("checked");
    System.setProperty(Main.CHECK_ONLY, "true");
    try {
      Run good = xent("score", "--model", "g=" + model, "--corpus", text.toString(), "--out", out.toString());
      assertEquals(0, good.exit(), good.stderr());
      assertEquals("", good.stderr());
      assertFalse(Files.exists(out), "the check writes nothing");
      String line = xent("score", "--model", "g=" + model, "--corpus", "/no/such", "--out", out.toString())
          .errorLine(1);
      assertEquals("xent: error: corpus /no/such does not exist", line);
    } finally {
      System.clearProperty(Main.CHECK_ONLY);
    }
  }

  @Test
  void debugSettingAddsTheStackTraceAfterTheLine() {
    System.setProperty("xent.debug", "true");
    try {
      Run run = xent("logprob", "--model", "nope=/no/such", text.toString());
      assertEquals(1, run.exit());
      assertTrue(run.errLines().get(0).startsWith("xent: error: model 'nope=/no/such'"), run.stderr());
      assertTrue(run.stderr().lines().anyMatch(l -> l.startsWith("\tat xent.")), run.stderr());
    } finally {
      System.clearProperty("xent.debug");
    }
  }

  @Test
  void rootHelpListsTheLauncherOptionsAndEnvironment() {
    Run run = xent("--help");
    assertEquals(0, run.exit());
    for (String word : List.of("--master", "--conf", "--verbose", "XENT_MASTER", "XENT_SPARK_CONF",
        "XENT_DRIVER_MEMORY", "XENT_JAVA_OPTS", "XENT_LOG_LEVEL", "XENT_DEBUG", "SPARK_HOME", "score", "logprob")) {
      assertTrue(run.stdout().contains(word), word + " in\n" + run.stdout());
    }
  }
}

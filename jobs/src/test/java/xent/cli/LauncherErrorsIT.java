package xent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import xent.cli.BinXent.Run;
import xent.scoring.TestModels;

/** bin/xent's own part of the error path: launcher options, help without Spark, checks before Spark starts. */
class LauncherErrorsIT {

  /** The one stderr line of a failed run, with no stack trace around it. */
  private static String errorLine(Run run, int exit) {
    assertEquals(exit, run.exit(), run.stderr());
    List<String> lines = run.stderr().lines().filter(l -> !l.isBlank()).toList();
    assertEquals(1, lines.size(), "one line on stderr, got:\n" + run.stderr());
    assertFalse(run.stderr().lines().anyMatch(l -> l.startsWith("\tat ") || l.startsWith("at ")), run.stderr());
    return lines.get(0);
  }

  @Test
  void misspeltLauncherOptionIsAUsageErrorListingTheLaunchersOptions() throws Exception {
    assertEquals("xent: error: unknown launcher option '--mastr' (launcher options go before the subcommand:"
        + " --master, --conf, --verbose)", errorLine(BinXent.run("--mastr", "local[2]", "score"), 2));
  }

  @Test
  void rootHelpAndNoArgumentsListTheLauncherOptionsAndEnvironment() throws Exception {
    for (String[] args : List.of(new String[] {"--help"}, new String[] {})) {
      Run run = BinXent.run(args);
      assertEquals(0, run.exit(), run.stderr());
      assertEquals("", run.stderr());
      String help = String.join("\n", run.stdout());
      for (String word : List.of("--master", "--conf", "--verbose", "XENT_MASTER", "XENT_SPARK_CONF",
          "XENT_DRIVER_MEMORY", "XENT_JAVA_OPTS", "XENT_LOG_LEVEL", "XENT_DEBUG", "SPARK_HOME", "score", "map")) {
        assertTrue(help.contains(word), word + " missing from:\n" + help);
      }
    }
  }

  @Test
  void sparkSubcommandHelpStartsNoSparkAndCarriesNoJvmWarning() throws Exception {
    for (String command : List.of("score", "map", "train-grid")) {
      Run run = BinXent.run(command, "--help");
      assertEquals(0, run.exit(), run.stderr());
      assertEquals("", run.stderr(), command + " --help wrote to stderr");
      assertTrue(run.stdout().get(0).startsWith("Usage: xent " + command), run.stdout().toString());
    }
  }

  @Test
  void missingCorpusFailsInOneLineBeforeSparkStarts(@TempDir Path dir) throws Exception {
    Path model = TestModels.gpt2(dir.resolve("gpt2"));
    Path out = dir.resolve("out");
    long start = System.nanoTime();
    Run run = BinXent.run("score", "--model", "g=" + model, "--corpus", dir + "/no-such.jsonl", "--out", out.toString());
    double seconds = (System.nanoTime() - start) / 1e9;
    assertEquals("xent: error: corpus " + dir + "/no-such.jsonl does not exist", errorLine(run, 1));
    assertFalse(Files.exists(out), "nothing written to --out");
    // Spark's start-up alone took ~7 s here; the plain-JVM check ~1 s (3 s with the machine's 2 cores busy).
    assertTrue(seconds < 6, "took " + seconds + " s");
  }

  @Test
  void usageErrorOfASparkSubcommandCarriesNoJvmWarning(@TempDir Path dir) throws Exception {
    String line = errorLine(BinXent.run("score", "--modle", "g=x", "--corpus", "c", "--out", dir.toString()), 2);
    assertTrue(line.startsWith("xent: error: Unknown options: '--modle'"), line);
  }

  @Test
  void withoutALoopbackInterfaceSparkJobsFailInOneLine(@TempDir Path dir) throws Exception {
    Process probe = new ProcessBuilder("unshare", "-n", "true").redirectErrorStream(true).start();
    assumeTrue(probe.waitFor(10, TimeUnit.SECONDS) && probe.exitValue() == 0,
        "skipped: cannot start a process without network (unshare -n needs root or user namespaces)");
    Path model = TestModels.gpt2(dir.resolve("gpt2"));
    Path corpus = Files.writeString(dir.resolve("c.jsonl"), "{\"id\":\"a\",\"text\":\"hello\"}\n");
    List<String> command = new ArrayList<>(List.of("unshare", "-n", BinXent.HOME.resolve("bin/xent").toString(),
        "score", "--model", "g=" + model, "--corpus", corpus.toString(), "--out", dir.resolve("out").toString()));
    Run run = BinXent.run(Map.of(), command);
    String line = errorLine(run, 1);
    assertTrue(line.startsWith("xent: error: Spark needs the loopback address 127.0.0.1: "), line);
  }
}

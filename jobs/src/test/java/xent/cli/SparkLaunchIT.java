package xent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import xent.cli.BinXent.Run;

/**
 * How bin/xent starts Spark subcommands: launcher options before the subcommand go to Spark,
 * everything from the subcommand on reaches xent untouched. "scaling" stands for a Spark
 * subcommand: it takes the Spark path, passes bin/xent's plain-JVM check (it names no inputs) and
 * prints its usage under SparkSubmit without starting a session.
 */
class SparkLaunchIT {

  @Test
  void runsSparkSubcommandsUnderSparkSubmitInLocalModeByDefault() throws Exception {
    Run run = BinXent.run("--verbose", "scaling");
    assertEquals(0, run.exit(), run.stderr());
    String err = run.stderr();
    assertTrue(err.contains("Main class:\nxent.cli.Main\nArguments:\nscaling\n"), err);
    assertTrue(err.contains("(spark.master,local[*])"), err);
    assertTrue(err.contains("(spark.driver.memory,4g)"), err);
    assertTrue(err.contains("(spark.executorEnv.OPT_OUT_TRACKING,true)"), err);
    assertTrue(err.contains("(spark.executor.extraJavaOptions,-DOPT_OUT_TRACKING=true -Dai.djl.offline=true)"), err);
    assertTrue(err.contains("Using properties file: " + BinXent.HOME.resolve("conf/spark-defaults.conf")), err);
    assertTrue(run.stdout().get(0).startsWith("Usage: xent scaling"), run.stdout().toString());
  }

  @Test
  void passesLauncherOptionsToSparkAndLeavesTheSubcommandsOptionsAlone() throws Exception {
    Run run = BinXent.run(
        Map.of("XENT_DRIVER_MEMORY", "1g", "XENT_SPARK_CONF", "spark.sql.shuffle.partitions=3 spark.app.name=a"),
        "--verbose", "--master", "local[2]", "--conf", "spark.app.name=b", "scaling");
    assertEquals(0, run.exit(), run.stderr());
    String err = run.stderr();
    assertTrue(err.contains("(spark.master,local[2])"), err);
    assertTrue(err.contains("(spark.driver.memory,1g)"), err);
    assertTrue(err.contains("(spark.sql.shuffle.partitions,3)"), err);
    assertTrue(err.contains("(spark.app.name,b)"), "--conf comes after XENT_SPARK_CONF: " + err);
  }

  @Test
  void leavesOptionsAfterTheSubcommandToXent() throws Exception {
    Run run = BinXent.run("--master", "local[2]", "scaling", "--master", "x");
    assertEquals(2, run.exit(), run.stderr());
    assertEquals("xent: error: Unknown options: '--master', 'x'\n", run.stderr(),
        "xent's parser, not the launcher, saw the second --master");
  }

  @Test
  void submitsTheShadedJarThroughSparkHomeWhenSet(@TempDir Path sparkHome) throws Exception {
    Path submit = Files.createDirectories(sparkHome.resolve("bin")).resolve("spark-submit");
    Files.writeString(submit, "#!/bin/sh\nfor a in \"$@\"; do printf '%s\\n' \"$a\"; done\n");
    Files.setPosixFilePermissions(submit, PosixFilePermissions.fromString("rwxr-xr-x"));

    String data = Files.writeString(sparkHome.resolve("points.csv"), "N,D,loss\n").toString(); // checked before submitting
    Run run = BinXent.run(Map.of("SPARK_HOME", sparkHome.toString(), "XENT_MASTER", "yarn"),
        "--conf", "spark.executor.cores=4", "scaling", "fit", "--data", data);

    assertEquals(0, run.exit(), run.stderr());
    String shaded = run.stdout().get(run.stdout().size() - 5);
    assertTrue(shaded.startsWith(BinXent.HOME.resolve("jobs/target/xent-jobs-").toString()), shaded);
    assertTrue(shaded.endsWith("-shaded.jar") && Files.isRegularFile(Path.of(shaded)), shaded);
    assertEquals(List.of("--class", "xent.cli.Main", "--master", "yarn",
        "--conf", "spark.executorEnv.OPT_OUT_TRACKING=true",
        "--conf", "spark.executor.extraJavaOptions=-DOPT_OUT_TRACKING=true -Dai.djl.offline=true",
        // the driver's console: warnings, no stack traces (XENT_DEBUG unset)
        "--conf", "spark.driver.extraJavaOptions=-DOPT_OUT_TRACKING=true -Dai.djl.offline=true"
            + " -Dxent.console.level=warn -Dxent.console.traces=false",
        "--conf", "spark.executor.cores=4",
        shaded, "scaling", "fit", "--data", data), run.stdout());
  }

  @Test
  void refusesSparkOptionsForLogprobWhichRunsWithoutSpark() throws Exception {
    Run run = BinXent.run("--master", "local[2]", "logprob", "--model", "m=/nowhere", "f.txt");
    assertEquals(2, run.exit());
    assertEquals("xent: error: --master/--conf apply to Spark subcommands, not 'logprob'\n", run.stderr());
    assertTrue(run.stdout().isEmpty());
  }
}

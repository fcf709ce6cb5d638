package xent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.gson.Gson;
import com.google.gson.reflect.TypeToken;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import picocli.CommandLine;

/**
 * Every spark-submit command the Airflow DAG (conf/airflow/xent_dag.py) would run is one the jobs
 * accept: conf/airflow/xent_tasks.py renders them with Python (Airflow cannot be installed here),
 * and each application_args list goes through xent's own option parser, without running a job.
 */
@Tag("fast")
class AirflowDagTest {

  private static final Path TASKS = Path.of("..", "conf", "airflow", "xent_tasks.py");
  private static final String DS = "2026-11-21";
  private static final String BASE = "/runs/xent";
  /** Params that also exercise the optional options (mixture --target, map --models). */
  private static final String PARAMS = "{\"base\": \"" + BASE + "\", \"mixture_target\": \"news=0.5,sotu=0.5\","
      + " \"map_models\": \"expert-*\", \"law\": \"kaplan-n\","
      + " \"spark_conf\": {\"spark.executor.memory\": \"16g\", \"spark.kubernetes.namespace\": \"lm\"}}";

  /** One rendered spark-submit, as xent_tasks.py prints it. */
  record Command(String task_id, Integer map_index, String application, String java_class,
                 Map<String, String> conf, List<String> application_args, List<String> command) {

    String name() {
      return task_id + (map_index == null ? "" : "[" + map_index + "]");
    }
  }

  @TestFactory
  Stream<DynamicTest> everyCommandOfTheDagParsesWithXentsOptionParser() throws Exception {
    List<Command> commands = render("--params", PARAMS);
    assertEquals(List.of("score", "map", "mixture", "scaling_dataset", "scaling_fit"),
        commands.stream().map(Command::task_id).distinct().toList());
    return commands.stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> {
      CommandLine cli = Main.commandLine();
      String subcommand = c.application_args().get(0);
      assumeTrue(cli.getSubcommands().containsKey(subcommand),
          "'" + subcommand + "' is not a subcommand of xent.cli.Main on this branch yet: " + c.name() + " not checked");
      // Throws on an unknown or misspelled option, a missing required one, or a value of the wrong type.
      CommandLine.ParseResult parsed = cli.parseArgs(c.application_args().toArray(String[]::new));
      assertTrue(parsed.hasSubcommand(), c.name());
    }));
  }

  @Test
  void oneScoreTaskPerModelAndEveryOutputUnderTheLogicalDate() throws Exception {
    List<Command> commands = render("--params", PARAMS);
    List<String> models = new ArrayList<>();
    for (Command c : commands) {
      List<String> args = c.application_args();
      if (c.task_id().equals("score")) {
        models.add(value(args, "--model"));
        assertTrue(args.contains("--per-token"), "the mixture estimate needs per-token scores: " + args);
      }
      for (String option : List.of("--out", "--plots")) {
        if (args.contains(option)) {
          assertTrue(value(args, option).startsWith(BASE + "/" + DS + "/"), c.name() + " " + option + " " + args);
        }
      }
    }
    assertEquals(5, models.size());
    assertEquals(5, models.stream().distinct().count(), "one score task per model: " + models);
  }

  @Test
  void theJarMainClassAndSparkConfAreTheBuildsAndSparks() throws Exception {
    String jar = "jobs/target/xent-jobs-" + projectVersion() + "-shaded.jar";
    for (Command c : render("--params", PARAMS)) {
      assertTrue(c.application().endsWith("/" + jar), c.application() + " is not " + jar);
      assertEquals(Main.class.getName(), c.java_class());
      for (String key : c.conf().keySet()) {
        String problem = SparkKeys.problem(key);
        assertEquals(null, problem, c.name());
      }
      assertEquals("16g", c.conf().get("spark.executor.memory"), "the run's spark_conf wins");
      assertEquals("true", c.conf().get("spark.executorEnv.OPT_OUT_TRACKING"));
      int conf = c.command().indexOf("--class");
      assertEquals(List.of("--class", Main.class.getName(), c.application()), c.command().subList(conf, conf + 3));
      assertEquals(c.application_args(), c.command().subList(conf + 3, c.command().size()));
    }
  }

  @Test
  void plainSubstitutionRendersWhatJinjaRenders() throws Exception {
    assumeTrue(python("-c", "import jinja2").exit == 0, "jinja2 is not installed: only the plain substitution runs");
    assertEquals(render("--params", PARAMS, "--engine", "jinja"), render("--params", PARAMS, "--engine", "plain"));
  }

  @Test
  void aModelThatIsNotNameEqualsPathFailsThePlan() throws Exception {
    Run run = python(TASKS.toString(), "--params", "{\"models\": [\"gpt2\"]}");
    assertNotEquals(0, run.exit);
    assertTrue(run.stderr.contains("params.models: 'gpt2' is not NAME=PATH"), run.stderr);
  }

  private static String value(List<String> args, String option) {
    return args.get(args.indexOf(option) + 1);
  }

  private static List<Command> render(String... options) throws Exception {
    List<String> argv = new ArrayList<>(List.of(TASKS.toString(), "--ds", DS));
    argv.addAll(List.of(options));
    Run run = python(argv.toArray(String[]::new));
    assertEquals(0, run.exit, "xent_tasks.py failed: " + run.stderr);
    return new Gson().fromJson(run.stdout, new TypeToken<List<Command>>() {}.getType());
  }

  private record Run(int exit, String stdout, String stderr) {}

  private static Run python(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("python3"));
    command.addAll(List.of(args));
    Process process;
    try {
      process = new ProcessBuilder(command).start();
    } catch (IOException e) {
      assumeTrue(false, "python3 is not installed: the Airflow DAG's commands cannot be rendered (" + e.getMessage() + ")");
      throw e;
    }
    process.getOutputStream().close();
    byte[] out = process.getInputStream().readAllBytes();
    byte[] err = process.getErrorStream().readAllBytes();
    assertTrue(process.waitFor(30, TimeUnit.SECONDS), "python3 " + args[0] + " did not finish");
    return new Run(process.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
  }

  /** The version of this build, from jobs/pom.xml's parent. */
  private static String projectVersion() throws IOException {
    Matcher m = Pattern.compile("<parent>.*?<version>([^<]+)</version>", Pattern.DOTALL)
        .matcher(Files.readString(Path.of("pom.xml")));
    assertTrue(m.find(), "no parent version in jobs/pom.xml");
    return m.group(1);
  }
}

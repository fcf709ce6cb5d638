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
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Every spark-submit command the Airflow DAG (conf/airflow/xent_dag.py) would run is one the jobs
 * accept: conf/airflow/xent_tasks.py renders them with Python (Airflow cannot be installed here),
 * and each application_args list goes through xent's own option parser, without running a job.
 *
 * <p>The DAG file itself is run with Python too, as Airflow's DAG processor imports it: with the
 * DAGs folder (a copy of conf/airflow) on sys.path and nothing else. The five Airflow names it
 * imports are a recording stand-in ({@link #AIRFLOW_STAND_IN}), not Airflow: it records each task,
 * its arguments and every {@code >>} and task-output reference (a dependency, as in Airflow), so
 * the test checks the task graph the file builds. Without python3 every test here is skipped,
 * with that reason in the report.
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

  /**
   * Stands in for {@code airflow}, {@code airflow.decorators}, {@code airflow.models},
   * {@code airflow.models.param} and the Spark provider's operator, then imports the DAG file from
   * the DAGs folder given as argv[1] and prints the graph it built as JSON.
   */
  private static final String AIRFLOW_STAND_IN = """
      import importlib, json, sys, types

      tasks, edges = {}, set()

      class Output:
          def __init__(self, task_id, key=None):
              self.task_id, self.key = task_id, key
          def __getitem__(self, key):
              return Output(self.task_id, key)

      def inputs(task_id, values):
          recorded = {}
          for name, value in values.items():
              if isinstance(value, Output):
                  edges.add((value.task_id, task_id))
                  recorded[name] = {"output_of": value.task_id, "key": value.key}
              else:
                  recorded[name] = value
          return recorded

      class Task:
          def __init__(self, task_id):
              self.task_id = task_id
          def __rshift__(self, other):
              for o in other if isinstance(other, list) else [other]:
                  edges.add((self.task_id, o.task_id))
              return other

      class SparkSubmitOperator(Task):
          def __init__(self, task_id, **kwargs):
              super().__init__(task_id)
              tasks[task_id] = {"operator": "SparkSubmitOperator", "mapped": False, "args": inputs(task_id, kwargs)}
          @classmethod
          def partial(cls, task_id, **kwargs):
              class Partial:
                  def expand(self, **expanded):
                      node = Task(task_id)
                      tasks[task_id] = {"operator": "SparkSubmitOperator", "mapped": True,
                                        "args": inputs(task_id, dict(kwargs, **expanded))}
                      return node
              return Partial()

      def task(multiple_outputs=False):
          def decorate(function):
              def call(*args, **kwargs):
                  tasks[function.__name__] = {"operator": "@task", "mapped": False, "args": {}}
                  return Output(function.__name__)
              return call
          return decorate

      class DAG:
          def __init__(self, dag_id, **kwargs):
              self.dag_id = dag_id
          def __enter__(self):
              return self
          def __exit__(self, *exc):
              return False

      def module(name, **names):
          m = types.ModuleType(name)
          m.__dict__.update(names)
          sys.modules[name] = m

      module("airflow", DAG=DAG)
      module("airflow.decorators", task=task)
      module("airflow.models", Variable=types.SimpleNamespace(get=None))
      module("airflow.models.param", Param=lambda default, **kwargs: default)
      for name in ["airflow.providers", "airflow.providers.apache", "airflow.providers.apache.spark",
                   "airflow.providers.apache.spark.operators"]:
          module(name)
      module("airflow.providers.apache.spark.operators.spark_submit", SparkSubmitOperator=SparkSubmitOperator)

      # As Airflow's DAG processor: the DAGs folder on sys.path, not this script's folder.
      sys.path = [sys.argv[1]] + sys.path[1:]
      before = list(sys.path)
      dag = importlib.import_module("xent_dag").dag
      json.dump({"dag_id": dag.dag_id, "sys_path_unchanged": sys.path == before,
                 "tasks": tasks, "edges": sorted(edges)}, sys.stdout)
      """;

  @Test
  void theDagImportsXentTasksFromTheDagsFolderAndWiresEveryTaskAfterPlan(@TempDir Path dir) throws Exception {
    Path dags = Files.createDirectory(dir.resolve("dags"));
    for (String file : List.of("xent_dag.py", "xent_tasks.py", ".airflowignore")) {
      Files.copy(TASKS.resolveSibling(file), dags.resolve(file));
    }
    Path standIn = Files.writeString(dir.resolve("airflow_stand_in.py"), AIRFLOW_STAND_IN, StandardCharsets.UTF_8);
    Run run = python(standIn.toString(), dags.toString());
    assertEquals(0, run.exit, "importing xent_dag.py failed: " + run.stderr);
    DagGraph graph = new Gson().fromJson(run.stdout, DagGraph.class);
    assertEquals("xent", graph.dag_id());
    assertTrue(graph.sys_path_unchanged(), "the DAG file must not change sys.path");
    assertEquals(Set.of("plan", "score", "map", "mixture", "scaling_dataset", "scaling_fit"), graph.tasks().keySet());
    Set<List<String>> expected = new HashSet<>();
    for (String spark : List.of("score", "map", "mixture", "scaling_dataset", "scaling_fit")) {
      expected.add(List.of("plan", spark)); // its application, conf and args are plan's output
    }
    expected.addAll(List.of(List.of("score", "map"), List.of("score", "mixture"), List.of("score", "scaling_dataset"),
        List.of("scaling_dataset", "scaling_fit")));
    assertEquals(expected, Set.copyOf(graph.edges()));
    for (Map.Entry<String, DagTask> e : graph.tasks().entrySet()) {
      if (e.getKey().equals("plan")) {
        continue;
      }
      Map<String, Object> args = e.getValue().args();
      assertEquals(Map.of("output_of", "plan", "key", e.getKey()), args.get("application_args"),
          e.getKey() + " runs the application_args plan rendered for it (checked above by xent's parser)");
      assertEquals(Main.class.getName(), args.get("java_class"), e.getKey());
      assertEquals(e.getKey().equals("score"), e.getValue().mapped(), e.getKey() + ": one mapped task per model");
    }
    assertEquals(1.0, graph.tasks().get("score").args().get("max_active_tis_per_dagrun"),
        "score tasks share one output folder: one at a time");
  }

  @Test
  void airflowignoreListsEveryModuleBesideTheDagThatIsNotADag() throws IOException {
    List<String> patterns = Files.readAllLines(TASKS.resolveSibling(".airflowignore")).stream()
        .filter(line -> !line.isBlank() && !line.startsWith("#")).toList();
    try (Stream<Path> files = Files.list(TASKS.getParent())) {
      List<String> modules = files.map(f -> f.getFileName().toString())
          .filter(name -> name.endsWith(".py") && !name.equals("xent_dag.py")).sorted().toList();
      assertEquals(List.of("xent_tasks.py"), modules, "the Python files beside the DAG");
      assertEquals(modules, patterns);
    }
  }

  private record DagTask(String operator, boolean mapped, Map<String, Object> args) {}

  private record DagGraph(String dag_id, boolean sys_path_unchanged, Map<String, DagTask> tasks, List<List<String>> edges) {}

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

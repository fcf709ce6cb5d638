package xent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** conf/spark-defaults.conf and the cluster templates conf/spark/*.conf hold only keys Spark knows. */
@Tag("fast")
class SparkConfTemplatesTest {

  private static final Path CONF = Path.of("..", "conf");
  private static final List<String> TEMPLATES = List.of("local", "standalone", "yarn", "kubernetes");
  /** A setting to switch on by removing the "#": "#spark.key value". */
  private static final Pattern COMMENTED_SETTING = Pattern.compile("^#(spark\\.\\S+)\\s+(\\S.*)$");

  @Test
  void everyKeyOfEveryTemplateIsASparkKey() throws IOException {
    List<String> problems = new ArrayList<>();
    int keys = 0;
    for (Path file : confFiles()) {
      for (String key : settings(file).keySet()) {
        keys++;
        String problem = SparkKeys.problem(key);
        if (problem != null) {
          problems.add(file + ": " + problem);
        }
      }
    }
    assertEquals(List.of(), problems);
    assertTrue(keys > 60, "read only " + keys + " keys: the parser lost settings");
  }

  @Test
  void theKeyCheckRejectsMisspelledAndInventedKeys() {
    assertNull(SparkKeys.problem("spark.executor.memoryOverhead"));
    assertNull(SparkKeys.problem("spark.sql.shuffle.partitions"));
    assertNull(SparkKeys.problem("spark.executor.resource.gpu.discoveryScript"));
    assertNotNull(SparkKeys.problem("spark.executor.memoryOverhed"));
    assertNotNull(SparkKeys.problem("spark.task.resource.gpu.vendor"));
    assertNotNull(SparkKeys.problem("spark.executor.resource.gpu.discoveryscript"));
    assertNotNull(SparkKeys.problem("spark.kubernetes.executor.podTemplate"));
    assertNotNull(SparkKeys.problem("spark.executorEnv.OPT-OUT"));
  }

  @Test
  void everyTemplateSetsTheDjlEnvironmentAndTaskThreads() throws IOException {
    for (String name : TEMPLATES) {
      Map<String, String> active = activeSettings(template(name));
      assertEquals("true", active.get("spark.executorEnv.OPT_OUT_TRACKING"), name);
      assertTrue(active.getOrDefault("spark.executorEnv.DJL_CACHE_DIR", "").startsWith("/"), name);
      assertTrue(active.containsKey("spark.task.cpus"), name + " sets the PyTorch threads of a task");
    }
    Map<String, String> yarn = activeSettings(template("yarn"));
    assertEquals("true", yarn.get("spark.yarn.appMasterEnv.OPT_OUT_TRACKING"));
    assertEquals(yarn.get("spark.executorEnv.DJL_CACHE_DIR"), yarn.get("spark.yarn.appMasterEnv.DJL_CACHE_DIR"));
    Map<String, String> kubernetes = activeSettings(template("kubernetes"));
    assertEquals("true", kubernetes.get("spark.kubernetes.driverEnv.OPT_OUT_TRACKING"));
    assertEquals(kubernetes.get("spark.executorEnv.DJL_CACHE_DIR"), kubernetes.get("spark.kubernetes.driverEnv.DJL_CACHE_DIR"));
    for (String cluster : List.of("standalone", "yarn", "kubernetes")) {
      Map<String, String> active = activeSettings(template(cluster));
      int cores = Integer.parseInt(active.get("spark.executor.cores"));
      int taskCpus = Integer.parseInt(active.get("spark.task.cpus"));
      assertEquals(0, cores % taskCpus, cluster + ": executor cores must be a multiple of task cpus");
      assertTrue(gigabytes(active.get("spark.executor.memoryOverhead")) >= gigabytes(active.get("spark.executor.memory")),
          cluster + ": PyTorch's native memory needs an overhead at least the size of the heap");
    }
  }

  /** bin/xent's XENT_SPARK_CONF splits KEY=VALUE words on whitespace. */
  @Test
  void templateValuesAreSingleWordsForXentSparkConf() throws IOException {
    for (String name : TEMPLATES) {
      settings(template(name)).forEach((key, value) ->
          assertTrue(value.matches("\\S+"), name + ": " + key + " = '" + value + "' contains whitespace"));
    }
  }

  private static Path template(String name) {
    return CONF.resolve("spark").resolve(name + ".conf");
  }

  private static List<Path> confFiles() throws IOException {
    List<Path> files = new ArrayList<>(List.of(CONF.resolve("spark-defaults.conf")));
    try (Stream<Path> templates = Files.list(CONF.resolve("spark"))) {
      templates.filter(p -> p.toString().endsWith(".conf")).sorted().forEach(files::add);
    }
    for (String name : TEMPLATES) {
      assertTrue(files.contains(template(name)), "missing template " + template(name));
    }
    return files;
  }

  /** Active settings, read as spark-submit reads a properties file (java.util.Properties). */
  private static Map<String, String> activeSettings(Path file) throws IOException {
    Properties properties = new Properties();
    properties.load(new StringReader(Files.readString(file, StandardCharsets.UTF_8)));
    Map<String, String> settings = new LinkedHashMap<>();
    properties.stringPropertyNames().stream().sorted().forEach(k -> settings.put(k, properties.getProperty(k).trim()));
    return settings;
  }

  /** Active settings and the commented-out ones ("#spark.key value"). */
  private static Map<String, String> settings(Path file) throws IOException {
    Map<String, String> settings = activeSettings(file);
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      Matcher m = COMMENTED_SETTING.matcher(line);
      if (m.matches()) {
        settings.put(m.group(1), m.group(2).trim());
      }
    }
    return settings;
  }

  private static double gigabytes(String size) {
    Matcher m = Pattern.compile("(\\d+)([mg])").matcher(size);
    assertTrue(m.matches(), "size " + size + " is not Ng or Nm");
    return Double.parseDouble(m.group(1)) / (m.group(2).equals("m") ? 1024 : 1);
  }
}

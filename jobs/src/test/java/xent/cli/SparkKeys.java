package xent.cli;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.SparkConf;
import org.apache.spark.internal.config.ConfigEntry;
import org.apache.spark.internal.config.ConfigEntry$;
import org.apache.spark.resource.ResourceID;

/**
 * Spark configuration keys as Spark itself names them, to check what conf/ and the Airflow DAG
 * write without a cluster. Three sources, strongest first:
 *
 * <ul>
 *   <li>every {@link ConfigEntry} registered by the config objects of the Spark jars on the test
 *       classpath (spark-core, common-utils, SQL), after loading them all;
 *   <li>resource keys ({@code spark.executor.resource.gpu.amount}...) built by Spark's own
 *       {@link ResourceID}, since their middle part is any resource name;
 *   <li>a documented allow-list for what no jar here registers: the {@code spark.yarn.*} and
 *       {@code spark.kubernetes.*} keys (spark-yarn and spark-kubernetes are not dependencies of
 *       this project), and the environment prefixes, which are read by prefix, not as entries.
 *       Each was checked against Spark 4.1's docs: configuration.md, running-on-yarn.md,
 *       running-on-kubernetes.md.
 * </ul>
 */
final class SparkKeys {

  /** Prefixes of keys whose rest is an environment variable name. */
  private static final List<String> ENVIRONMENT_PREFIXES = List.of(
      "spark.executorEnv.",          // configuration.md: spark.executorEnv.[EnvironmentVariableName]
      "spark.yarn.appMasterEnv.",    // running-on-yarn.md: spark.yarn.appMasterEnv.[EnvironmentVariableName]
      "spark.kubernetes.driverEnv."  // running-on-kubernetes.md: spark.kubernetes.driverEnv.[EnvironmentVariableName]
  );

  /** Keys of the YARN and Kubernetes modules, from their docs (see the class comment). */
  private static final Set<String> CLUSTER_MANAGER_KEYS = Set.of(
      "spark.yarn.queue",
      "spark.kubernetes.container.image",
      "spark.kubernetes.namespace",
      "spark.kubernetes.authenticate.driver.serviceAccountName",
      "spark.kubernetes.executor.podTemplateFile",
      "spark.kubernetes.file.upload.path");

  /** running-on-yarn.md: spark.yarn.executor.resource.{resource-type}.amount (YARN 3.0+). */
  private static final Pattern YARN_RESOURCE = Pattern.compile("spark\\.yarn\\.executor\\.resource\\.[\\w.\\-/]+\\.amount");

  private static final Pattern RESOURCE = Pattern.compile("(spark\\.(?:driver|executor|worker|task))\\.resource\\.(\\w+)\\.\\w+");

  private static final String[] CONFIG_OBJECT_CLASSES = {
      "org.apache.spark.sql.internal.SQLConf$", "org.apache.spark.sql.internal.StaticSQLConf$"};

  static {
    try {
      loadConfigObjects();
    } catch (IOException | URISyntaxException | ClassNotFoundException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private SparkKeys() {}

  /** Null when Spark knows {@code key}, else why it is not a Spark key. */
  static String problem(String key) {
    if (ConfigEntry$.MODULE$.findEntry(key) != null) {
      return null;
    }
    for (String prefix : ENVIRONMENT_PREFIXES) {
      if (key.startsWith(prefix)) {
        return key.substring(prefix.length()).matches("[A-Za-z_][A-Za-z0-9_]*")
            ? null : key + ": not an environment variable name after " + prefix;
      }
    }
    if (CLUSTER_MANAGER_KEYS.contains(key) || YARN_RESOURCE.matcher(key).matches()) {
      return null;
    }
    Matcher resource = RESOURCE.matcher(key);
    if (resource.matches()) {
      ResourceID id = new ResourceID(resource.group(1), resource.group(2));
      List<String> known = resource.group(1).equals("spark.task")
          ? List.of(id.amountConf()) : List.of(id.amountConf(), id.discoveryScriptConf(), id.vendorConf());
      return known.contains(key) ? null : key + ": Spark's resource keys for " + resource.group(2) + " are " + known;
    }
    return key + ": no Spark config entry, resource key or documented cluster-manager key has this name";
  }

  /**
   * Spark registers an entry when the Scala object declaring it is initialised: load every
   * top-level object of org.apache.spark.internal.config in the jars holding Spark's config
   * classes, and the SQL ones.
   */
  private static void loadConfigObjects() throws IOException, URISyntaxException, ClassNotFoundException {
    ClassLoader loader = SparkKeys.class.getClassLoader();
    for (Class<?> anchor : List.of(ConfigEntry.class, SparkConf.class)) {
      Path jar = Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
      try (JarFile file = new JarFile(jar.toFile())) {
        for (String name : file.stream().map(e -> e.getName()).toList()) {
          if (name.matches("org/apache/spark/internal/config/[A-Za-z]+\\$\\.class")) {
            Class.forName(name.replace('/', '.').replace(".class", ""), true, loader);
          }
        }
      }
    }
    for (String name : CONFIG_OBJECT_CLASSES) {
      Class.forName(name, true, loader);
    }
  }
}

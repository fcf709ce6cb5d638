package xent.scoring;

import org.apache.spark.sql.SparkSession;

/**
 * Spark sessions for tests: local mode, bound to loopback, no UI. Test classes take theirs from
 * {@link xent.SparkTest}; this stays for code outside JUnit's extensions (integration tests reading
 * a table). While a session is running, {@code getOrCreate} returns it: the JVM's one session.
 */
public final class LocalSpark {

  private LocalSpark() {}

  public static SparkSession start(String app) {
    return SparkSession.builder()
        .appName(app)
        .master("local[2]")
        .config("spark.ui.enabled", "false")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.sql.shuffle.partitions", "4")
        .getOrCreate();
  }
}

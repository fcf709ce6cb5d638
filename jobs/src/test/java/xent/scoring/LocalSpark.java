package xent.scoring;

import org.apache.spark.sql.SparkSession;

/** Spark sessions for tests: local mode, bound to loopback, no UI. */
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

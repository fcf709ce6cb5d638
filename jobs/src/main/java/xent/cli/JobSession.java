package xent.cli;

import org.apache.spark.sql.SparkSession;

/**
 * The Spark session a command runs in. A command started on its own creates the session and
 * stops it when done; a command run inside another one ({@code xent demo} runs every step in one
 * JVM) joins the caller's session and leaves it running for the next step.
 */
public final class JobSession implements AutoCloseable {

  private final SparkSession spark;
  private final boolean owned;

  private JobSession(SparkSession spark, boolean owned) {
    this.spark = spark;
    this.owned = owned;
  }

  /**
   * The running default session, else a new one named {@code appName}; without spark-submit
   * (no {@code spark.master} property) the new one runs in local mode on every core.
   */
  public static JobSession open(String appName) {
    SparkSession running = SparkSession.getDefaultSession().getOrElse(() -> null);
    if (running != null && !running.sparkContext().isStopped()) {
      return new JobSession(running, false);
    }
    if (Loopback.localMaster()) {
      Loopback.require();
    }
    SparkSession.Builder builder = SparkSession.builder().appName(appName);
    if (System.getProperty("spark.master") == null) {
      builder.master("local[*]");
    }
    return new JobSession(builder.getOrCreate(), true);
  }

  public SparkSession spark() {
    return spark;
  }

  /** Stops the session if this command created it. */
  @Override
  public void close() {
    if (owned) {
      spark.stop();
    }
  }
}

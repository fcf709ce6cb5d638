package xent.scoring;

import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.sql.SparkSession;

/** Counts the Spark jobs a session starts while it is open: "fails before any task" tests. */
final class SparkJobCounter extends SparkListener implements AutoCloseable {

  private final SparkSession spark;
  private final AtomicInteger jobs = new AtomicInteger();

  SparkJobCounter(SparkSession spark) {
    this.spark = spark;
    spark.sparkContext().addSparkListener(this);
  }

  @Override
  public void onJobStart(SparkListenerJobStart job) {
    jobs.incrementAndGet();
  }

  int jobs() {
    return jobs.get();
  }

  @Override
  public void close() {
    spark.sparkContext().removeSparkListener(this);
  }
}

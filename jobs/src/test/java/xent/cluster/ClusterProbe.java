package xent.cluster;

import java.util.Iterator;
import java.util.List;
import java.util.stream.LongStream;
import org.apache.spark.SparkEnv;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.SparkSession;

/**
 * A tiny Spark application for cluster tests: counts {@code 0..N-1} in P partitions, each task
 * sleeping S ms first, and reports where every partition ran.
 *
 * <p>Usage: {@code ClusterProbe N P S}. Each task prints {@code start partition=I pid=PID} when it
 * begins and {@code done partition=I executor=ID pid=PID count=C} when it ends, on its executor's
 * stdout; the driver prints the {@code partition=...} report of every partition, then
 * {@code total=SUM}.
 */
public final class ClusterProbe {

  private ClusterProbe() {}

  public static void main(String[] args) {
    long n = Long.parseLong(args[0]);
    int partitions = Integer.parseInt(args[1]);
    long sleepMillis = Long.parseLong(args[2]);
    SparkSession spark = SparkSession.builder().appName("xent-cluster-probe").getOrCreate();
    try {
      JavaSparkContext context = JavaSparkContext.fromSparkContext(spark.sparkContext());
      List<Long> values = LongStream.range(0, n).boxed().toList();
      List<String> reports = context.parallelize(values, partitions)
          .mapPartitions((FlatMapFunction<Iterator<Long>, String>) rows -> report(rows, sleepMillis))
          .collect();
      long total = 0;
      for (String report : reports) {
        System.out.println(report);
        total += Long.parseLong(report.substring(report.lastIndexOf("count=") + "count=".length()));
      }
      System.out.println("total=" + total);
    } finally {
      spark.stop();
    }
  }

  private static Iterator<String> report(Iterator<Long> rows, long sleepMillis) throws InterruptedException {
    int partition = TaskContext.getPartitionId();
    long pid = ProcessHandle.current().pid();
    System.out.println("start partition=" + partition + " pid=" + pid);
    System.out.flush();
    Thread.sleep(sleepMillis);
    long count = 0;
    while (rows.hasNext()) {
      rows.next();
      count++;
    }
    String report = "partition=" + partition + " executor=" + SparkEnv.get().executorId()
        + " pid=" + pid + " count=" + count;
    System.out.println("done " + report);
    System.out.flush();
    return List.of(report).iterator();
  }
}

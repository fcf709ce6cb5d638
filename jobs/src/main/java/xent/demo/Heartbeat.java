package xent.demo;

import java.io.PrintStream;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.SparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerStageSubmitted;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import xent.clock.WallTime;

/**
 * A line every few seconds while a command runs: its elapsed time and the Spark tasks it has
 * finished, for the commands that print only between their phases (map, mixture, scaling), whose
 * phases can take minutes.
 */
public final class Heartbeat extends SparkListener implements AutoCloseable {

  private static final long PERIOD_SECONDS = 15;

  private final SparkContext context;
  private final String label;
  private final PrintStream log;
  private final long start = System.nanoTime();
  private final AtomicInteger tasks = new AtomicInteger();
  private final AtomicInteger tasksDone = new AtomicInteger();
  private final ScheduledExecutorService printer;

  public Heartbeat(SparkContext context, String label, PrintStream log) {
    this.context = context;
    this.label = label;
    this.log = log;
    context.addSparkListener(this);
    printer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "xent-demo-heartbeat");
      t.setDaemon(true);
      return t;
    });
    printer.scheduleAtFixedRate(this::print, PERIOD_SECONDS, PERIOD_SECONDS, TimeUnit.SECONDS);
  }

  @Override
  public void onStageSubmitted(SparkListenerStageSubmitted stage) {
    tasks.addAndGet(stage.stageInfo().numTasks());
  }

  @Override
  public void onTaskEnd(SparkListenerTaskEnd task) {
    tasksDone.incrementAndGet();
  }

  private void print() {
    log.printf("xent demo: %s running for %s%s%n", label, WallTime.format((System.nanoTime() - start) / 1e9),
        tasks.get() == 0 ? "" : String.format("; Spark tasks %d/%d done", tasksDone.get(), tasks.get()));
  }

  @Override
  public void close() {
    printer.shutdownNow();
    context.removeSparkListener(this);
  }
}

package xent.train;

import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.spark.SparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import xent.clock.Eta;
import xent.clock.WallTime;

/**
 * Prints the progress of a training grid on the driver: each run as its task ends, and every
 * 15 s the runs done, the elapsed time and an estimate of the time left.
 *
 * <p>Runs differ in cost by orders of magnitude (N x D), so the estimate weighs finished runs by
 * their cost rather than counting them. Task i of the grid's one stage trains run i.
 */
final class GridProgress extends SparkListener implements AutoCloseable {

  private static final long PERIOD_SECONDS = 15;

  private final SparkContext context;
  private final List<String> names;
  private final double[] costs;
  private final double totalCost;
  private final boolean[] done;
  private final PrintStream log;
  private final long start = System.nanoTime();
  private final ScheduledExecutorService printer;
  private int runsDone;
  private double costDone;
  private final Eta eta = new Eta();

  GridProgress(SparkContext context, List<String> names, double[] costs, PrintStream log) {
    this.context = context;
    this.names = names;
    this.costs = costs.clone();
    this.done = new boolean[costs.length];
    double total = 0;
    for (double c : costs) {
      total += c;
    }
    this.totalCost = total;
    this.log = log;
    context.addSparkListener(this);
    printer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "xent-grid-progress");
      t.setDaemon(true);
      return t;
    });
    printer.scheduleAtFixedRate(this::print, PERIOD_SECONDS, PERIOD_SECONDS, TimeUnit.SECONDS);
  }

  @Override
  public synchronized void onTaskEnd(SparkListenerTaskEnd task) {
    int index = task.taskInfo().index();
    if (!task.taskInfo().successful() || index >= costs.length || done[index]) {
      return; // a failed attempt is retried; a speculative duplicate counts once
    }
    done[index] = true;
    runsDone++;
    costDone += costs[index];
    log.printf("xent train-grid: run %d/%d done: %s (%.1f s)%n", runsDone, costs.length,
        names.get(index), task.taskInfo().duration() / 1e3);
    print();
  }

  private synchronized void print() {
    double seconds = (System.nanoTime() - start) / 1e9;
    eta.update(costDone / totalCost, seconds);
    log.printf("xent train-grid: %d/%d runs, %.0f%% of the work, elapsed %s, ETA %s%n", runsDone,
        costs.length, 100 * costDone / totalCost, WallTime.format(seconds), eta.format(seconds));
  }


  @Override
  public void close() {
    printer.shutdownNow();
    context.removeSparkListener(this);
  }
}

package xent.scoring;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.SparkContext;
import org.apache.spark.scheduler.AccumulableInfo;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerExecutorMetricsUpdate;
import org.apache.spark.scheduler.SparkListenerStageSubmitted;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.util.LongAccumulator;
import scala.jdk.javaapi.CollectionConverters;
import xent.clock.Eta;
import xent.clock.WallTime;

/**
 * Prints the progress of a score run on the driver every few seconds: units and tasks done,
 * documents, tokens/s and an estimate of the time left.
 *
 * <p>Documents and tokens are counted by accumulators that tasks add to; finished tasks are read
 * from the accumulators, running ones from the values their executors report with each
 * heartbeat, so the numbers move during long tasks too.
 */
final class ScoreProgress extends SparkListener implements AutoCloseable {

  private static final long PERIOD_SECONDS = 5;

  private final Eta eta = new Eta();
  private final SparkContext context;
  private final int units;
  private final long documentsTotal;
  private final LongAccumulator documents;
  private final LongAccumulator tokens;
  private final AtomicInteger unitsDone = new AtomicInteger();
  private final AtomicInteger tasksTotal = new AtomicInteger();
  private final AtomicInteger tasksDone = new AtomicInteger();
  /** Latest heartbeat values of running tasks: task id to {documents, tokens}. */
  private final Map<Long, long[]> running = new ConcurrentHashMap<>();
  private final long start = System.nanoTime();
  private final ScheduledExecutorService printer;

  ScoreProgress(SparkContext context, int units, long documentsTotal) {
    this.context = context;
    this.units = units;
    this.documentsTotal = documentsTotal;
    this.documents = context.longAccumulator("xent.documents");
    this.tokens = context.longAccumulator("xent.tokens");
    context.addSparkListener(this);
    printer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "xent-progress");
      t.setDaemon(true);
      return t;
    });
    printer.scheduleAtFixedRate(this::print, PERIOD_SECONDS, PERIOD_SECONDS, TimeUnit.SECONDS);
  }

  LongAccumulator documents() {
    return documents;
  }

  LongAccumulator tokens() {
    return tokens;
  }

  void unitDone() {
    unitsDone.incrementAndGet();
  }

  @Override
  public void onStageSubmitted(SparkListenerStageSubmitted stage) {
    tasksTotal.addAndGet(stage.stageInfo().numTasks());
  }

  @Override
  public void onTaskEnd(SparkListenerTaskEnd task) {
    tasksDone.incrementAndGet();
    running.remove(task.taskInfo().taskId());
  }

  @Override
  public void onExecutorMetricsUpdate(SparkListenerExecutorMetricsUpdate update) {
    for (var task : CollectionConverters.asJava(update.accumUpdates())) { // (task, stage, attempt, values)
      long[] values = running.computeIfAbsent((Long) task._1(), id -> new long[2]);
      for (AccumulableInfo info : CollectionConverters.asJava(task._4())) {
        if (info.update().isEmpty()) {
          continue;
        }
        if (info.id() == documents.id()) {
          values[0] = ((Number) info.update().get()).longValue();
        } else if (info.id() == tokens.id()) {
          values[1] = ((Number) info.update().get()).longValue();
        }
      }
    }
  }

  private void print() {
    long docs = documents.value();
    long toks = tokens.value();
    for (long[] v : running.values()) {
      docs += v[0];
      toks += v[1];
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    eta.update(documentsTotal == 0 ? 1 : (double) docs / documentsTotal, seconds);
    System.err.printf("xent score: units %d/%d, tasks %d/%d, documents %,d/%,d, tokens %,d,"
            + " %,.0f tokens/s, elapsed %s, ETA %s%n",
        unitsDone.get(), units, tasksDone.get(), tasksTotal.get(), docs, documentsTotal, toks,
        toks / seconds, WallTime.format(seconds), eta.format(seconds));
  }


  @Override
  public void close() {
    printer.shutdownNow();
    context.removeSparkListener(this);
    print();
  }
}

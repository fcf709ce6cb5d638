package xent.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.Gson;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import xent.SparkTest;
import xent.model.ModelSpec;
import xent.score.ScoringOptions;

/** One run at a time in one output folder, and no document twice in its table. */
@SparkTest
class ScoreLockTest {

  @TempDir static Path dir;
  private static SparkSession spark;
  private static ModelSpec tiny;
  private static FileSystem local;

  @BeforeAll
  static void setUp(SparkSession session) throws IOException {
    spark = session;
    tiny = new ModelSpec("tiny", TestModels.tinyLlama(dir.resolve("tiny")));
    local = FileSystem.getLocal(new Configuration());
  }


  @Test
  void secondOfTwoRunsStartedAtOnceIsRefusedNamingTheFirstAndTheTableHoldsEachDocumentOnce()
      throws Exception {
    Path corpus = ScoreRerunTest.documents(dir.resolve("corpus.jsonl"), 40);
    Path out = dir.resolve("shared-out");
    ScoreJobOptions options = new ScoreJobOptions(List.of(tiny), CorpusOptions.of(corpus.toString()),
        out.toString(), ScoringOptions.DEFAULT.withMaxLength(64).withTokenBudget(4096), false, 4);
    CyclicBarrier start = new CyclicBarrier(2);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    List<Future<ScoreSummary>> runs = new ArrayList<>();
    try {
      for (int i = 0; i < 2; i++) {
        runs.add(pool.submit(() -> {
          start.await();
          return ScoreJob.run(spark, options);
        }));
      }
      List<Throwable> refused = new ArrayList<>();
      List<ScoreSummary> finished = new ArrayList<>();
      for (Future<ScoreSummary> run : runs) {
        try {
          finished.add(run.get());
        } catch (java.util.concurrent.ExecutionException e) {
          refused.add(e.getCause());
        }
      }
      assertEquals(1, finished.size(), "runs that finished; refused: " + refused);
      assertEquals(1, refused.size());
      Throwable e = refused.get(0);
      assertTrue(e instanceof IllegalStateException, e.toString());
      String holder = "host " + InetAddress.getLocalHost().getHostName() + ", pid "
          + ProcessHandle.current().pid() + ", started ";
      assertTrue(e.getMessage().startsWith(out + " is in use by another xent score run (" + holder),
          e.getMessage());
      assertTrue(e.getMessage().endsWith("); wait for it to end or use another --out. If that run"
          + " is gone, delete " + out.resolve("_xent/lock")), e.getMessage());
      assertEquals(40, finished.get(0).models().get("tiny").scored());
    } finally {
      pool.shutdownNow();
    }
    assertEachDocumentOnce(out, 40);
    assertFalse(Files.exists(out.resolve("_xent/lock")), "the lock outlived its run");

    ScoreJob.run(spark, options); // the lock is free again: a rerun resumes (all units done)
    assertEachDocumentOnce(out, 40);
  }

  private static void assertEachDocumentOnce(Path out, long documents) {
    var scores = spark.read().parquet(out.resolve("scores").toString());
    assertEquals(documents, scores.count());
    assertEquals(documents, scores.select("doc_id").distinct().count());
  }

  @Test
  void lockHeldInThisProcessRefusesASecondAndIsGoneWhenClosed() throws IOException {
    org.apache.hadoop.fs.Path out = new org.apache.hadoop.fs.Path(dir.resolve("held").toUri());
    try (ScoreLock first = ScoreLock.acquire(local, out)) {
      IllegalStateException e = assertThrows(IllegalStateException.class,
          () -> ScoreLock.acquire(local, out));
      assertTrue(e.getMessage().contains(", pid " + ProcessHandle.current().pid() + ", "),
          e.getMessage());
    }
    assertFalse(Files.exists(dir.resolve("held/_xent/lock")));
    ScoreLock.acquire(local, out).close();
  }

  @Test
  void lockOfAProcessThatIsGoneIsTakenOver() throws Exception {
    Process ended = new ProcessBuilder("true").start();
    ended.waitFor();
    assertLockTakenOver("gone-pid", ended.pid(), "");
  }

  @Test
  void lockOfAReusedPidIsTakenOver() throws Exception {
    // This very process, but "started" at another time: its pid was reused.
    assertLockTakenOver("reused-pid", ProcessHandle.current().pid(), "2001-01-01T00:00:00Z");
  }

  private void assertLockTakenOver(String name, long pid, String processStart) throws IOException {
    Path lock = Files.createDirectories(dir.resolve(name + "/_xent")).resolve("lock");
    String stale = new Gson().toJson(new ScoreLock.Holder(
        InetAddress.getLocalHost().getHostName(), pid, processStart, Instant.EPOCH.toString()));
    Files.writeString(lock, stale);
    try (ScoreLock taken = ScoreLock.acquire(local, new org.apache.hadoop.fs.Path(lock.getParent().getParent().toUri()))) {
      String now = Files.readString(lock);
      assertTrue(now.contains("\"pid\":" + ProcessHandle.current().pid()), now);
    }
    assertFalse(Files.exists(lock));
  }

  @Test
  void lockOfAnotherHostIsRefusedNamingItAndTheFileToDelete() throws IOException {
    Path lock = Files.createDirectories(dir.resolve("elsewhere/_xent")).resolve("lock");
    Files.writeString(lock, new Gson().toJson(new ScoreLock.Holder(
        "node-7.cluster", 4242, "2026-01-01T00:00:00Z", "2026-01-01T00:00:01Z")));
    org.apache.hadoop.fs.Path out = new org.apache.hadoop.fs.Path(dir.resolve("elsewhere").toUri());
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> ScoreLock.acquire(local, out));
    assertEquals(out + " is in use by another xent score run (host node-7.cluster, pid 4242,"
        + " started 2026-01-01T00:00:01Z); wait for it to end or use another --out. If that run"
        + " is gone, delete " + new org.apache.hadoop.fs.Path(out, "_xent/lock"), e.getMessage());
    assertTrue(Files.exists(lock), "a lock that cannot be judged stays");
  }
}

package xent.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import xent.cli.BinXent;
import xent.scoring.LocalSpark;
import xent.scoring.ScoreRuns;
import xent.scoring.TestModels;

/**
 * The score job on a real standalone cluster (a master and two workers on 127.0.0.1), with one
 * worker SIGKILLed mid-job: the job completes and its table equals the local-mode table.
 */
@Tag("cluster")
class ScoreClusterIT {

  private static final Path HOME = BinXent.HOME;

  private static Path shadedJar() throws IOException {
    try (Stream<Path> files = Files.list(HOME.resolve("jobs/target"))) {
      return files.filter(f -> f.getFileName().toString().endsWith("-shaded.jar")).findFirst()
          .orElseThrow(() -> new IllegalStateException("no shaded jar in jobs/target: run mvn package"));
    }
  }

  @Test
  void survivesAKilledWorkerAndEqualsTheLocalTable(@TempDir Path dir) throws Exception {
    Path shared = ScoreRuns.shared();
    assumeTrue(shared != null, "skipped: reference data (../shared) not found");
    Path gpt2 = TestModels.gpt2(dir.resolve("gpt2"));
    Path corpus = ScoreRuns.storyCorpus(shared, dir.resolve("corpus.jsonl"), 240);

    Path local = dir.resolve("local");
    BinXent.Run run = BinXent.run(ScoreRuns.scoreArguments(shared, gpt2, corpus, local));
    assertEquals(0, run.exit(), run.stderr());

    Path onCluster = dir.resolve("cluster");
    try (StandaloneCluster cluster = StandaloneCluster.start(2, HOME)) {
      Path log = dir.resolve("driver.log");
      Process driver = cluster.submit(shadedJar(), "xent.cli.Main", log, ScoreRuns.scoreArguments(shared, gpt2, corpus, onCluster));
      ScoreRuns.awaitCommittedUnits(onCluster, 2, driver);
      assertTrue(driver.isAlive(), "the job ended before a worker could be killed:\n" + Files.readString(log));
      String beforeKill = cluster.executorStderr(0);
      cluster.killWorker(0);
      assertTrue(driver.waitFor(6, TimeUnit.MINUTES), "the job did not finish after the kill");
      assertEquals(0, driver.exitValue(), Files.readString(log));
      assertTrue(beforeKill.contains("scoring partition"), "worker 0 ran no scoring task");
      assertTrue(cluster.executorStderr(1).contains("scoring partition"), "worker 1 ran no scoring task");
    }

    SparkSession spark = LocalSpark.start("score-cluster-it");
    try {
      List<Row> expected = ScoreRuns.table(spark, local);
      assertEquals(2 * 240, expected.size());
      ScoreRuns.assertSameTable(expected, ScoreRuns.table(spark, onCluster));
      assertEquals(0, spark.read().parquet(onCluster.resolve("rejects").toString()).count());
    } finally {
      spark.stop();
    }
  }
}

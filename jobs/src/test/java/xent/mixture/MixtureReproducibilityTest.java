package xent.mixture;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import xent.SparkTest;

/**
 * xent mixture run twice on the same inputs writes the same bytes: the Dirichlet search, the boosted
 * trees, the mixing-law starts and the optimum's resampling interval all draw from the run's seed,
 * and the second run reads the score table split into other partitions, so no sum depends on them.
 */
@SparkTest
class MixtureReproducibilityTest {

  @Test
  void twoRunsOnDifferentlyPartitionedScoresWriteIdenticalFiles(SparkSession spark, @TempDir Path dir)
      throws Exception {
    SyntheticExperts synthetic = new SyntheticExperts(List.of("news", "sotu", "spam"), 5, 11);
    Path oneSplit = dir.resolve("scores-1");
    Path fourSplits = dir.resolve("scores-4");
    synthetic.table(spark).coalesce(1).write().partitionBy("model").parquet(oneSplit.toString());
    synthetic.table(spark).repartition(4).write().partitionBy("model").parquet(fourSplits.toString());
    double[][] mixtures = {{0.7, 0.2, 0.1}, {0.2, 0.6, 0.2}, {0.1, 0.3, 0.6}, {0.4, 0.4, 0.2}, {0.3, 0.1, 0.6},
        {0.5, 0.25, 0.25}};
    StringBuilder csv = new StringBuilder("model,domain,weight,loss\n");
    for (int n = 0; n < mixtures.length; n++) {
      double[] mde = synthetic.bruteForce(mixtures[n]);
      for (int j = 0; j < 3; j++) {
        // Trained losses that track the estimate with a mixture-dependent offset, so the regressors differ.
        csv.append(String.format(Locale.ROOT, "mixture-%02d,%s,%s,%.12f%n", n, synthetic.domains.get(j),
            mixtures[n][j], 0.8 * mde[j] + 0.6 + 0.05 * Math.sin(7 * n + j)));
      }
    }
    Path observed = Files.writeString(dir.resolve("observed.csv"), csv);

    Path first = run(spark, oneSplit, observed, dir.resolve("first"));
    Path second = run(spark, fourSplits, observed, dir.resolve("second"));

    List<Path> files = files(first);
    assertEquals(files, files(second), "the same files");
    for (Path file : files) {
      assertArrayEquals(Files.readAllBytes(first.resolve(file)), Files.readAllBytes(second.resolve(file)),
          file + " differs between two runs with seed 5");
    }
  }

  private static Path run(SparkSession spark, Path scores, Path observed, Path out) throws Exception {
    MixtureJob.run(spark, new MixtureOptions(scores.toString(), observed.toString(), out,
            Map.of("news", 2.0, "sotu", 1.0, "spam", 1.0), null, null, null, null, 400, 5, 5),
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    return out;
  }

  private static List<Path> files(Path root) throws IOException {
    try (Stream<Path> walk = Files.walk(root)) {
      return walk.filter(Files::isRegularFile).map(root::relativize).sorted().toList();
    }
  }
}

package xent.detection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import xent.SparkTest;
import xent.detect.FaceSimilarity;
import xent.detect.FaceSpectrum;
import xent.scoring.ScoreTable;

/** FACE on score tables: the i-th text of A (doc_id order) against the i-th of B, as face.py. */
@SparkTest
class FaceComparisonTest {

  @TempDir java.nio.file.Path dir;

  private static float[] series(Random random, int n, double scale) {
    float[] lp = new float[n];
    for (int t = 0; t < n; t++) {
      lp[t] = (float) (-Math.abs(random.nextGaussian()) * scale);
    }
    return lp;
  }

  private String table(SparkSession spark, String name, List<float[]> texts) {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < texts.size(); i++) {
      float[] lp = texts.get(i);
      Float[] boxed = new Float[lp.length];
      double sum = 0;
      for (int t = 0; t < lp.length; t++) {
        boxed[t] = lp[t];
        sum += lp[t];
      }
      rows.add(RowFactory.create(String.format("doc-%02d", i), "d", (long) lp.length, 4L * lp.length,
          (long) lp.length, sum, boxed, null, null, null, name));
    }
    String path = dir.resolve(name).toString();
    spark.createDataFrame(rows, ScoreTable.schema(true).add("model", "string"))
        .write().mode(SaveMode.Overwrite).partitionBy("model").parquet(path);
    return path;
  }

  @Test
  void comparesTheIthTextOfOneTableWithTheIthOfTheOther(SparkSession spark) {
    Random random = new Random(12);
    List<float[]> a = new ArrayList<>();
    List<float[]> b = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      a.add(series(random, 20 + 7 * i, 2.0));
    }
    for (int i = 0; i < 4; i++) {
      b.add(series(random, 25 + 3 * i, 3.0));
    }
    b.add(new float[] {-1f, -2f}); // 2 tokens: no spectrum, left out
    FaceSpectrum spectrum = new FaceSpectrum(FaceSpectrum.Value.NORM, 50);
    FaceComparison.Result result = FaceComparison.compare(spark, table(spark, "a", a), null, table(spark, "b", b),
        null, spectrum, 100);
    List<double[]> sa = a.stream().map(spectrum::of).toList();
    List<double[]> sb = b.subList(0, 4).stream().map(spectrum::of).toList();
    FaceSimilarity expected = FaceSimilarity.ofSets(sa, sb);
    assertEquals(4, result.pairs());
    assertEquals(6, result.textsA());
    assertEquals(4, result.textsB());
    assertEquals(expected, result.similarity());

    FaceComparison.Result self = FaceComparison.compare(spark, dir.resolve("a").toString(), "a",
        dir.resolve("a").toString(), "a", spectrum, 100);
    assertEquals(1.0, self.similarity().spectralOverlap(), 1e-12);
    assertEquals(0.0, self.similarity().spectralAngle(), 1e-6);
  }

  @Test
  void aTableWithoutPerTokenLogprobsIsRefusedSayingHowToScoreIt(SparkSession spark) {
    String path = dir.resolve("plain").toString();
    spark.createDataFrame(List.of(RowFactory.create("d", "x", 3L, 3L, 1L, -2.0, "m")),
        ScoreTable.schema(false).add("model", "string")).write().partitionBy("model").parquet(path);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> FaceComparison.compare(spark, path, null, path, null, FaceSpectrum.DEFAULT, 10));
    assertTrue(e.getMessage().endsWith("has no token_logprob: FACE needs per-token log-probs; score it with --per-token"),
        e.getMessage());
  }
}

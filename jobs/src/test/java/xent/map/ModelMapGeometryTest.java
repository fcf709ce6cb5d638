package xent.map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import xent.SparkTest;

/** The distributed Gramian against the definition, and the invariances the definition implies. */
@SparkTest
class ModelMapGeometryTest {

  private static SparkSession spark;

  @BeforeAll
  static void start(SparkSession session) {
    spark = session;
  }

  private static double[][] randomL(int m, int n, long seed) {
    Random random = new Random(seed);
    double[][] l = new double[m][n];
    double[] textLength = new double[n];
    for (int t = 0; t < n; t++) {
      textLength[t] = 100 + 400 * random.nextDouble();
    }
    for (int i = 0; i < m; i++) {
      double quality = 2 + random.nextDouble();
      for (int t = 0; t < n; t++) {
        l[i][t] = -quality * textLength[t] + 5 * random.nextGaussian();
      }
    }
    return l;
  }

  private static ModelDistances map(double[][] l, double clip) {
    try (LogLikelihoodMatrix matrix = LogLikelihoodMatrix.from(ScoreRows.table(spark, l), null)) {
      return matrix.gramian(clip).distances();
    }
  }

  private static void assertSameDistances(double[][] expected, ModelDistances actual, double tolerance) {
    for (int i = 0; i < expected.length; i++) {
      for (int j = 0; j < expected.length; j++) {
        assertEquals(expected[i][j], actual.get(i, j), tolerance * Math.max(1, expected[i][j]), "d[" + i + "][" + j + "]");
      }
    }
  }

  @Test
  void distributedGramianGivesTheBruteForceDistances() {
    double[][] l = randomL(7, 300, 1);
    ModelDistances d = map(l, 0);
    assertSameDistances(ScoreRows.bruteForceDistances(l), d, 1e-9);
    assertTrue(d.get(0, 1) > 1, "models differ: d01 = " + d.get(0, 1));
  }

  @Test
  void aConstantPerTextOrPerModelLeavesDistancesUnchanged() {
    double[][] l = randomL(6, 200, 2);
    ModelDistances before = map(l, 0);
    Random random = new Random(3);
    double[][] shifted = new double[l.length][];
    double[] perText = random.doubles(l[0].length, -1000, 1000).toArray();
    for (int i = 0; i < l.length; i++) {
      double perModel = 500 * random.nextGaussian();
      shifted[i] = new double[l[i].length];
      for (int t = 0; t < l[i].length; t++) {
        shifted[i][t] = l[i][t] + perText[t] + perModel;
      }
    }
    assertSameDistances(before.d(), map(shifted, 0), 1e-9);
  }

  @Test
  void principalCoordinatesReproduceTheDistances() {
    double[][] l = randomL(5, 150, 4);
    try (LogLikelihoodMatrix matrix = LogLikelihoodMatrix.from(ScoreRows.table(spark, l), null)) {
      Gramian g = matrix.gramian(0);
      MdsCoordinates x = g.principalCoordinates(5);
      ModelDistances d = g.distances();
      for (int i = 0; i < 5; i++) {
        for (int j = 0; j < 5; j++) {
          double s = 0;
          for (int c = 0; c < 5; c++) {
            s += Math.pow(x.x()[i][c] - x.x()[j][c], 2);
          }
          assertEquals(d.get(i, j), s, 1e-8 * Math.max(1, s), "coordinates of " + i + ", " + j);
        }
      }
      assertTrue(x.explained()[0] >= x.explained()[1], "axes in order of variance");
    }
  }

  @Test
  void clippingRaisesEachModelsLowestFractionToItsQuantile() {
    double[][] l = randomL(4, 100, 5);
    l[2][17] -= 1e5; // one broken text under one model
    ModelDistances unclipped = map(l, 0);
    assertTrue(unclipped.get(2, 0) > 50, "the outlier dominates unclipped: " + unclipped.get(2, 0));
    // 2% of 100 texts: each model's two lowest values are raised to its 2nd lowest (percentile_approx
    // returns the smallest value with at least 2% of the values at or below it).
    double[][] winsorised = new double[l.length][];
    for (int i = 0; i < l.length; i++) {
      double[] sorted = l[i].clone();
      java.util.Arrays.sort(sorted);
      double floor = sorted[1];
      winsorised[i] = java.util.Arrays.stream(l[i]).map(v -> Math.max(v, floor)).toArray();
    }
    assertSameDistances(ScoreRows.bruteForceDistances(winsorised), map(l, 0.02), 1e-9);
  }

  @Test
  void keepsOnlyTextsEveryModelScoredAndReportsTheMissingCells() {
    double[][] l = randomL(3, 50, 6);
    List<Row> rows = new ArrayList<>(ScoreRows.table(spark, l).collectAsList());
    rows.removeIf(r -> r.getString(0).equals("model-001") && (r.getString(1).equals("doc-3") || r.getString(1).equals("doc-9")));
    rows.add(RowFactory.create("other", "doc-1", -5.0));
    Dataset<Row> table = spark.createDataFrame(rows, new StructType()
        .add("model", "string").add("doc_id", "string").add("logprob", "double"));
    try (LogLikelihoodMatrix matrix = LogLikelihoodMatrix.from(table, "model-*")) {
      assertEquals(List.of("model-000", "model-001", "model-002"), matrix.models());
      assertEquals(48, matrix.texts());
      assertEquals(2, matrix.missing().missing().get("model-001"));
      assertEquals(0, matrix.missing().missing().get("model-000"));
      double[][] kept = new double[3][];
      for (int i = 0; i < 3; i++) {
        List<Double> values = new ArrayList<>();
        for (int t = 0; t < 50; t++) {
          if (t != 3 && t != 9) {
            values.add(l[i][t]);
          }
        }
        kept[i] = values.stream().mapToDouble(Double::doubleValue).toArray();
      }
      assertSameDistances(ScoreRows.bruteForceDistances(kept), matrix.gramian(0).distances(), 1e-9);
    }
  }

  @Test
  void rejectsATextScoredTwiceByOneModel() {
    double[][] l = randomL(2, 5, 7);
    List<Row> rows = new ArrayList<>(ScoreRows.table(spark, l).collectAsList());
    rows.add(RowFactory.create("model-000", "doc-2", -1.0));
    Dataset<Row> table = spark.createDataFrame(rows, new StructType()
        .add("model", "string").add("doc_id", "string").add("logprob", "double"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LogLikelihoodMatrix.from(table, null));
    assertTrue(e.getMessage().contains("doc-2"), e.getMessage());
  }
}

package xent.map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import xent.SparkTest;

/** xent map --metadata: a metadata table's columns join the map, and colour and label it. */
@SparkTest
class MapMetadataTableTest {

  private static SparkSession spark;

  @BeforeAll
  static void start(SparkSession session) {
    spark = session;
  }

  @Test
  void labelsAndColoursTheMapByTheFamilyColumnOfAMetadataTable(@TempDir Path dir) throws Exception {
    Random random = new Random(5);
    int m = 6;
    double[][] l = new double[m][80];
    for (int i = 0; i < m; i++) {
      for (int t = 0; t < l[i].length; t++) {
        l[i][t] = -200 - i + random.nextGaussian();
      }
    }
    Path scores = dir.resolve("scores");
    ScoreRows.table(spark, l).write().partitionBy("model").parquet(scores.toString());
    List<String> names = ScoreRows.names(m);
    StringBuilder table = new StringBuilder("model,family,N,step\n");
    for (int i = 0; i < m; i++) {
      // model-000 has no family and no N: its cells stay empty; model-005 has no row at all
      if (i < m - 1) {
        table.append(names.get(i)).append(',').append(i == 0 ? "" : i % 2 == 0 ? "pythia" : "opt").append(',')
            .append(i == 0 ? "" : String.valueOf(70_000_000L * i)).append(',').append(1000 * i).append('\n');
      }
    }
    table.append("not-scored,pythia,1,1\n");
    Path file = Files.writeString(dir.resolve("models.csv"), table);
    Path out = dir.resolve("map");
    MapOptions options = new MapOptions(scores.toString(), out, null, 0, 2, MapOptions.Method.PCA, 2, 2,
        null, null, "family", 42, file, "family");
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    MapJob.run(spark, options, new PrintStream(log, true, StandardCharsets.UTF_8));

    assertTrue(log.toString().contains("xent map: 1 model(s) of " + file + " are not in the map: not-scored"), log.toString());
    List<String> csv = Files.readAllLines(out.resolve("map.csv"));
    assertEquals("model,x,y,pc1,pc2,cluster,family,parameters,tokens,step,domain,weights,N", csv.get(0));
    List<Row> rows = spark.read().parquet(out.resolve("map.parquet").toString()).orderBy("model").collectAsList();
    assertEquals(DataTypes.LongType, rows.get(0).schema().apply("N").dataType(), "whole numbers stay numbers");
    for (int i = 0; i < m; i++) {
      Row row = rows.get(i);
      String family = i == 0 || i == m - 1 ? null : i % 2 == 0 ? "pythia" : "opt";
      assertEquals(family, row.getAs("family"), names.get(i));
      if (i > 0 && i < m - 1) {
        assertEquals(70_000_000L * i, row.<Long>getAs("N"));
        assertEquals(1000L * i, row.<Long>getAs("step"));
      }
    }
    assertNull(rows.get(m - 1).getAs("step"), "a model without a row has empty cells");
    String svg = Files.readString(out.resolve("map.svg"));
    for (String label : List.of(">pythia<", ">opt<", ">?<")) {
      assertTrue(svg.contains(label), "label or legend entry " + label);
    }
    assertTrue(!svg.contains(">model-001<"), "points are labelled by family, not by model");
    assertTrue(svg.contains("labelled by family"), "the title says what labels the points");
  }

  @Test
  void refusesAColourColumnTheMapDoesNotHaveNamingIt(@TempDir Path dir) throws Exception {
    double[][] l = {{-1, -2, -3, -4}, {-2, -1, -4, -3}, {-3, -3, -1, -2}};
    Path scores = dir.resolve("scores");
    ScoreRows.table(spark, l).write().partitionBy("model").parquet(scores.toString());
    MapOptions options = new MapOptions(scores.toString(), dir.resolve("map"), null, 0, 2, MapOptions.Method.PCA,
        0, 1, null, null, "size", 42, null, "model");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> MapJob.run(spark, options, new PrintStream(new ByteArrayOutputStream())));
    assertTrue(e.getMessage().startsWith("--colour-by / --label-by size: the map has no such column; it has [model, x, y"),
        e.getMessage());
  }
}

package xent.map;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import xent.SparkTest;

/** xent map end to end on a score table of two families of models, with metadata and a benchmark. */
@SparkTest
class MapJobTest {

  private static SparkSession spark;

  @BeforeAll
  static void start(SparkSession session) {
    spark = session;
  }

  @Test
  void writesTheMapTablesAndPicturesWithTwoFamiliesInTwoClusters(@TempDir Path dir) throws Exception {
    Random random = new Random(9);
    int m = 10;
    int n = 200;
    double[][] familyDirection = new double[2][n];
    for (int f = 0; f < 2; f++) {
      for (int t = 0; t < n; t++) {
        familyDirection[f][t] = 20 * random.nextGaussian();
      }
    }
    double[][] l = new double[m][n];
    StringBuilder benchmarks = new StringBuilder("model,accuracy\n");
    for (int i = 0; i < m; i++) {
      for (int t = 0; t < n; t++) {
        l[i][t] = -300 - i + familyDirection[i % 2][t] + random.nextGaussian();
      }
      String name = ScoreRows.names(m).get(i);
      Path folder = Files.createDirectories(dir.resolve("models").resolve(name));
      Files.writeString(folder.resolve("training.json"), "{\"family\":\"" + (i % 2 == 0 ? "gpt2" : "llama")
          + "\",\"parameters\":" + (1000 * (i + 1)) + ",\"non_embedding_parameters\":" + (500 * (i + 1))
          + ",\"step\":10,\"steps\":10,\"tokens\":5120,\"flops\":1.5e7,\"learning_rate\":"
          + "[1,1,1,1,1,1,1,1,1,1],\"loss\":[5,5,5,5,5,5,5,5,5,5],\"data\":{\"mixture\":{\"news\":"
          + (i % 2 == 0 ? "1.0" : "0.2") + ",\"sotu\":" + (i % 2 == 0 ? "0.0" : "0.8") + "}}}");
      benchmarks.append(name).append(',').append(i % 2 == 0 ? 0.3 : 0.7).append('\n');
    }
    Files.writeString(dir.resolve("bench.csv"), benchmarks);
    Path scores = dir.resolve("scores");
    ScoreRows.table(spark, l).write().partitionBy("model").parquet(scores.toString());
    Path out = dir.resolve("map");
    MapOptions options = new MapOptions(scores.toString(), out, null, 0.02, 3, MapOptions.Method.BOTH, 2, 3,
        dir.resolve("bench.csv"), dir.resolve("models"), "family", 42);
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    MapJob.run(spark, options, new PrintStream(log, true, StandardCharsets.UTF_8));

    List<String> map = Files.readAllLines(out.resolve("map.csv"));
    assertEquals("model,x,y,pc1,pc2,pc3,tsne_x,tsne_y,cluster,family,parameters,tokens,step,domain,weights", map.get(0));
    assertEquals(m + 1, map.size());
    List<Row> rows = spark.read().parquet(out.resolve("map.parquet").toString()).orderBy("model").collectAsList();
    for (int i = 0; i < m; i++) {
      Row row = rows.get(i);
      assertEquals(row.getAs("family").equals("gpt2") ? "news" : "sotu", row.getAs("domain"));
      assertEquals(rows.get(i % 2).<Integer>getAs("cluster"), row.<Integer>getAs("cluster"), "one cluster per family");
    }
    assertTrue(!rows.get(0).getAs("cluster").equals(rows.get(1).getAs("cluster")), "two clusters");
    List<String> distances = Files.readAllLines(out.resolve("distances.csv"));
    assertEquals(m + 1, distances.size());
    assertEquals(3 * m + 1, Files.readAllLines(out.resolve("neighbors.csv")).size());
    String ridge = Files.readString(out.resolve("ridge.csv"));
    assertTrue(ridge.contains("accuracy,q,10,"), ridge);
    for (String file : List.of("map.png", "map.svg", "map.html", "map-tsne.png", "missing.csv", "benchmarks.csv")) {
      assertTrue(Files.size(out.resolve(file)) > 100, file);
    }
    String html = Files.readString(out.resolve("map.html"));
    assertTrue(html.contains("<title>model: model-003"), "hover text names the model");
    assertTrue(log.toString(StandardCharsets.UTF_8).contains("200 texts scored by every model"), log.toString());
  }
}

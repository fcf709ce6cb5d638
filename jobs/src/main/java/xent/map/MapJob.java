package xent.map;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import xent.page.ScatterPlot;
import xent.scoring.ScoreTable;

/**
 * {@code xent map}: the model map of a score table.
 *
 * <pre>
 * OUT/map.csv, OUT/map.parquet/   model, x, y, pc1..pcD, [tsne_x, tsne_y], cluster, metadata
 * OUT/distances.csv               d_ij (estimates of 2 KL), models in name order
 * OUT/neighbors.csv               model, rank, neighbor, distance
 * OUT/missing.csv                 model, missing texts
 * OUT/benchmarks.csv, ridge.csv   leave-one-out predictions and their fit, with --benchmarks
 * OUT/map.png, map.svg, map.html  the picture
 * </pre>
 */
public final class MapJob {

  private MapJob() {}

  public static void run(SparkSession spark, MapOptions options, PrintStream log) throws IOException {
    Files.createDirectories(options.out());
    Gramian gramian;
    try (LogLikelihoodMatrix l = LogLikelihoodMatrix.from(ScoreTable.read(spark, options.scores()), options.modelGlob())) {
      l.missing().print(log);
      writeMissing(options.out().resolve("missing.csv"), l.missing());
      gramian = l.gramian(options.clip());
    }
    List<String> models = gramian.models();
    int m = models.size();
    ModelDistances distances = gramian.distances();
    MdsCoordinates pcs = gramian.principalCoordinates(Math.max(options.dims(), Math.min(10, m)));
    double[][] tsne = options.method() == MapOptions.Method.PCA ? null
        : new Tsne(Tsne.defaultPerplexity(m), 1000, options.seed()).embed(distances.d(), pcs.first(2));
    int k = Math.min(options.clusters(), m);
    int[] clusters = k == 0 ? new int[m] : ModelClusters.of(spark, pcs.x(), k, options.seed());
    log.printf(Locale.ROOT, "xent map: %d models over %d texts; PC1 %.1f%%, PC2 %.1f%% of the variance%n",
        m, gramian.texts(), 100 * pcs.explained()[0], 100 * pcs.explained()[1]);

    List<Map<String, Object>> rows = new ArrayList<>();
    for (int i = 0; i < m; i++) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("model", models.get(i));
      boolean tsneFirst = options.method() == MapOptions.Method.TSNE;
      row.put("x", tsneFirst ? tsne[i][0] : pcs.x()[i][0]);
      row.put("y", tsneFirst ? tsne[i][1] : pcs.x()[i][1]);
      for (int c = 0; c < options.dims(); c++) {
        row.put("pc" + (c + 1), pcs.x()[i][c]);
      }
      if (options.method() == MapOptions.Method.BOTH) {
        row.put("tsne_x", tsne[i][0]);
        row.put("tsne_y", tsne[i][1]);
      }
      row.put("cluster", clusters[i]);
      row.putAll(MetadataColumns.of(options.modelDirs(), models.get(i)));
      rows.add(row);
    }
    writeCsv(options.out().resolve("map.csv"), rows);
    writeParquet(spark, options.out().resolve("map.parquet"), rows);
    writeDistances(options.out().resolve("distances.csv"), distances);
    writeNeighbors(options.out().resolve("neighbors.csv"), distances.nearest(Math.min(options.neighbors(), m - 1)));
    if (options.benchmarks() != null) {
      regressBenchmarks(options, gramian, pcs, log);
    }
    picture(options, rows, "x", "y", tsneFirst(options) ? "t-SNE" : "PC").writeAll(options.out().resolve("map"));
    if (options.method() == MapOptions.Method.BOTH) {
      picture(options, rows, "tsne_x", "tsne_y", "t-SNE").writeAll(options.out().resolve("map-tsne"));
    }
  }

  private static boolean tsneFirst(MapOptions options) {
    return options.method() == MapOptions.Method.TSNE;
  }

  private record Picture(ScatterPlot plot) {
    void writeAll(Path stem) throws IOException {
      plot.writePng(Path.of(stem + ".png"));
      plot.writeSvg(Path.of(stem + ".svg"));
      plot.writeHtml(Path.of(stem + ".html"));
    }
  }

  private static Picture picture(MapOptions options, List<Map<String, Object>> rows, String x, String y, String axis) {
    List<ScatterPlot.Point> points = new ArrayList<>();
    for (Map<String, Object> row : rows) {
      Object group = row.get(options.colourBy());
      StringBuilder hover = new StringBuilder();
      row.forEach((key, value) -> {
        if (value != null && !(value instanceof Double)) {
          hover.append(hover.length() == 0 ? "" : "\n").append(key).append(": ").append(value);
        }
      });
      points.add(new ScatterPlot.Point((String) row.get("model"), (Double) row.get(x), (Double) row.get(y),
          group == null ? "?" : group.toString(), hover.toString()));
    }
    String title = "Model map (" + rows.size() + " models), coloured by " + options.colourBy();
    return new Picture(new ScatterPlot(title, axis + " 1", axis + " 2", points));
  }

  private static void regressBenchmarks(MapOptions options, Gramian gramian, MdsCoordinates pcs, PrintStream log)
      throws IOException {
    BenchmarkTable table = BenchmarkTable.read(options.benchmarks());
    int m = gramian.size();
    double[][] q = new double[m][m];
    double[][] coordinates = new double[m][m];
    double[][] x = pcs.first(options.dims());
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < m; j++) {
        q[i][j] = gramian.g()[i][j] / gramian.texts();
        for (int c = 0; c < x[i].length; c++) {
          coordinates[i][j] += x[i][c] * x[j][c];
        }
      }
    }
    List<BenchmarkRidge.Fit> fits = new ArrayList<>();
    for (String benchmark : table.benchmarks()) {
      double[] scores = table.scores(benchmark, gramian.models());
      fits.add(BenchmarkRidge.fit(benchmark, "q", gramian.models(), q, scores));
      fits.add(BenchmarkRidge.fit(benchmark, "coordinates", gramian.models(), coordinates, scores));
    }
    StringBuilder predictions = new StringBuilder("benchmark,features,model,actual,predicted\n");
    StringBuilder summary = new StringBuilder("benchmark,features,models,lambda,pearson,rmse\n");
    for (BenchmarkRidge.Fit fit : fits) {
      for (int a = 0; a < fit.models().size(); a++) {
        predictions.append(String.format(Locale.ROOT, "%s,%s,%s,%.6g,%.6g%n", fit.benchmark(), fit.features(),
            fit.models().get(a), fit.actual()[a], fit.predicted()[a]));
      }
      summary.append(String.format(Locale.ROOT, "%s,%s,%d,%.4g,%.4f,%.4g%n", fit.benchmark(), fit.features(),
          fit.models().size(), fit.lambda(), fit.pearson(), fit.rmse()));
      log.printf(Locale.ROOT, "xent map: %s from %s: leave-one-out r = %.3f over %d models%n",
          fit.benchmark(), fit.features(), fit.pearson(), fit.models().size());
    }
    Files.writeString(options.out().resolve("benchmarks.csv"), predictions, StandardCharsets.UTF_8);
    Files.writeString(options.out().resolve("ridge.csv"), summary, StandardCharsets.UTF_8);
  }

  private static void writeMissing(Path file, MissingCells missing) throws IOException {
    StringBuilder s = new StringBuilder("model,missing_texts\n");
    missing.missing().forEach((model, n) -> s.append(csv(model)).append(',').append(n).append('\n'));
    Files.writeString(file, s, StandardCharsets.UTF_8);
  }

  private static void writeDistances(Path file, ModelDistances d) throws IOException {
    StringBuilder s = new StringBuilder("model");
    d.models().forEach(model -> s.append(',').append(csv(model)));
    s.append('\n');
    for (int i = 0; i < d.models().size(); i++) {
      s.append(csv(d.models().get(i)));
      for (int j = 0; j < d.models().size(); j++) {
        s.append(',').append(String.format(Locale.ROOT, "%.6g", d.get(i, j)));
      }
      s.append('\n');
    }
    Files.writeString(file, s, StandardCharsets.UTF_8);
  }

  private static void writeNeighbors(Path file, List<ModelDistances.Neighbor> neighbors) throws IOException {
    StringBuilder s = new StringBuilder("model,rank,neighbor,distance\n");
    for (ModelDistances.Neighbor n : neighbors) {
      s.append(String.format(Locale.ROOT, "%s,%d,%s,%.6g%n", csv(n.model()), n.rank(), csv(n.neighbor()), n.distance()));
    }
    Files.writeString(file, s, StandardCharsets.UTF_8);
  }

  private static void writeCsv(Path file, List<Map<String, Object>> rows) throws IOException {
    StringBuilder s = new StringBuilder(String.join(",", rows.get(0).keySet())).append('\n');
    for (Map<String, Object> row : rows) {
      List<String> cells = new ArrayList<>();
      row.values().forEach(v -> cells.add(v == null ? "" : v instanceof Double d
          ? String.format(Locale.ROOT, "%.6g", d) : csv(v.toString())));
      s.append(String.join(",", cells)).append('\n');
    }
    Files.writeString(file, s, StandardCharsets.UTF_8);
  }

  private static void writeParquet(SparkSession spark, Path dir, List<Map<String, Object>> rows) {
    StructType schema = new StructType();
    for (Map.Entry<String, Object> e : rows.get(0).entrySet()) {
      String key = e.getKey();
      boolean isLong = List.of("parameters", "tokens", "step").contains(key);
      schema = schema.add(key, e.getValue() instanceof Double ? DataTypes.DoubleType
          : e.getValue() instanceof Integer ? DataTypes.IntegerType
          : isLong ? DataTypes.LongType : DataTypes.StringType, true);
    }
    List<Row> out = rows.stream().map(r -> RowFactory.create(r.values().toArray())).toList();
    spark.createDataFrame(out, schema).coalesce(1).write().mode(SaveMode.Overwrite).parquet(dir.toString());
  }

  /** A CSV cell: quoted when it holds a comma, quote or line break. */
  static String csv(String s) {
    return s.contains(",") || s.contains("\"") || s.contains("\n") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
  }
}

package xent.map;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.apache.commons.csv.CSVPrinter;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import xent.inventory.MetadataTable;
import xent.page.ScatterPlot;
import xent.scoring.ScoreTable;
import xent.table.CsvTable;

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
    MetadataTableColumns table = options.metadata() == null ? null
        : new MetadataTableColumns(MetadataTable.read(options.metadata()), computedColumns(options));
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

    if (table != null) {
      List<String> absent = table.absentFrom(models);
      if (!absent.isEmpty()) {
        log.println("xent map: " + absent.size() + " model(s) of " + options.metadata()
            + " are not in the map: " + String.join(", ", absent));
      }
    }
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
      if (table != null) {
        table.of(models.get(i)).forEach((column, value) -> {
          if (value != null || !row.containsKey(column)) {
            row.put(column, value);
          }
        });
      }
      rows.add(row);
    }
    writeCsv(options.out().resolve("map.csv"), rows);
    writeParquet(spark, options.out().resolve("map.parquet"), rows);
    writeDistances(options.out().resolve("distances.csv"), distances);
    writeNeighbors(options.out().resolve("neighbors.csv"), distances.nearest(Math.min(options.neighbors(), m - 1)));
    if (options.benchmarks() != null) {
      regressBenchmarks(options, gramian, pcs, log);
    }
    String[] pcAxes = {principalAxis(1, pcs.explained()[0]), principalAxis(2, pcs.explained()[1])};
    String[] tsneAxes = {"t-SNE 1 (no unit: t-SNE keeps neighbours, not distances)", "t-SNE 2"};
    picture(options, rows, "x", "y", tsneFirst(options) ? tsneAxes : pcAxes).writeAll(options.out().resolve("map"));
    if (options.method() == MapOptions.Method.BOTH) {
      picture(options, rows, "tsne_x", "tsne_y", tsneAxes).writeAll(options.out().resolve("map-tsne"));
    }
  }

  /** The columns the map itself writes, which a metadata table may not reuse. */
  private static java.util.Set<String> computedColumns(MapOptions options) {
    java.util.Set<String> columns = new java.util.HashSet<>(List.of("model", "x", "y", "tsne_x", "tsne_y", "cluster"));
    for (int c = 1; c <= options.dims(); c++) {
      columns.add("pc" + c);
    }
    return columns;
  }

  /** "PC 1 (62.3% of the variance)": the axis and its share of the double-centred matrix's variance. */
  private static String principalAxis(int axis, double explained) {
    return String.format(Locale.ROOT, "PC %d (%.1f%% of the variance)", axis, 100 * explained);
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

  private static Picture picture(MapOptions options, List<Map<String, Object>> rows, String x, String y,
      String[] axes) throws IOException {
    for (String column : List.of(options.colourBy(), options.labelBy())) {
      if (!rows.get(0).containsKey(column)) {
        throw new IllegalArgumentException("--colour-by / --label-by " + column + ": the map has no such column;"
            + " it has " + rows.get(0).keySet());
      }
    }
    List<ScatterPlot.Point> points = new ArrayList<>();
    GridGroups grid = GridGroups.of(options.modelDirs());
    for (Map<String, Object> row : rows) {
      Object group = options.colourBy().equals("domain")
          ? grid.domainKey(row.get("model").toString(), Objects.toString(row.get("domain"), null))
          : row.get(options.colourBy());
      Object label = row.get(options.labelBy());
      StringBuilder hover = new StringBuilder();
      row.forEach((key, value) -> {
        if (value != null && !(value instanceof Double)) {
          hover.append(hover.length() == 0 ? "" : "\n").append(key).append(": ").append(value);
        }
      });
      points.add(new ScatterPlot.Point(label == null ? "?" : label.toString(), (Double) row.get(x), (Double) row.get(y),
          group == null ? "?" : group.toString(), hover.toString()));
    }
    String title = "Model map (" + rows.size() + " models), coloured by " + options.colourBy()
        + (options.labelBy().equals("model") ? "" : ", labelled by " + options.labelBy());
    return new Picture(new ScatterPlot(title, axes[0], axes[1], points));
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
    try (CSVPrinter predictions = CsvTable.printer(options.out().resolve("benchmarks.csv"),
            List.of("benchmark", "features", "model", "actual", "predicted"));
        CSVPrinter summary = CsvTable.printer(options.out().resolve("ridge.csv"),
            List.of("benchmark", "features", "models", "lambda", "pearson", "rmse"))) {
      for (BenchmarkRidge.Fit fit : fits) {
        for (int a = 0; a < fit.models().size(); a++) {
          predictions.printRecord(fit.benchmark(), fit.features(), fit.models().get(a), g6(fit.actual()[a]),
              g6(fit.predicted()[a]));
        }
        summary.printRecord(fit.benchmark(), fit.features(), fit.models().size(),
            String.format(Locale.ROOT, "%.4g", fit.lambda()), String.format(Locale.ROOT, "%.4f", fit.pearson()),
            String.format(Locale.ROOT, "%.4g", fit.rmse()));
        log.printf(Locale.ROOT, "xent map: %s from %s: leave-one-out r = %.3f over %d models%n",
            fit.benchmark(), fit.features(), fit.pearson(), fit.models().size());
      }
    }
  }

  private static String g6(double value) {
    return String.format(Locale.ROOT, "%.6g", value);
  }

  private static void writeMissing(Path file, MissingCells missing) throws IOException {
    try (CSVPrinter csv = CsvTable.printer(file, List.of("model", "missing_texts"))) {
      for (Map.Entry<String, ?> e : missing.missing().entrySet()) {
        csv.printRecord(e.getKey(), e.getValue());
      }
    }
  }

  private static void writeDistances(Path file, ModelDistances d) throws IOException {
    List<String> header = new ArrayList<>(List.of("model"));
    header.addAll(d.models());
    try (CSVPrinter csv = CsvTable.printer(file, header)) {
      for (int i = 0; i < d.models().size(); i++) {
        List<String> row = new ArrayList<>(List.of(d.models().get(i)));
        for (int j = 0; j < d.models().size(); j++) {
          row.add(g6(d.get(i, j)));
        }
        csv.printRecord(row);
      }
    }
  }

  private static void writeNeighbors(Path file, List<ModelDistances.Neighbor> neighbors) throws IOException {
    try (CSVPrinter csv = CsvTable.printer(file, List.of("model", "rank", "neighbor", "distance"))) {
      for (ModelDistances.Neighbor n : neighbors) {
        csv.printRecord(n.model(), n.rank(), n.neighbor(), g6(n.distance()));
      }
    }
  }

  private static void writeCsv(Path file, List<Map<String, Object>> rows) throws IOException {
    try (CSVPrinter csv = CsvTable.printer(file, List.copyOf(rows.get(0).keySet()))) {
      for (Map<String, Object> row : rows) {
        csv.printRecord(row.values().stream().map(v -> v == null ? "" : v instanceof Double d ? g6(d) : v.toString())
            .toList());
      }
    }
  }

  private static void writeParquet(SparkSession spark, Path dir, List<Map<String, Object>> rows) {
    StructType schema = new StructType();
    for (String key : rows.get(0).keySet()) {
      // the type of the first value present: a metadata column may be empty in the first rows
      Object value = rows.stream().map(r -> r.get(key)).filter(v -> v != null).findFirst().orElse(null);
      boolean isLong = value instanceof Long || List.of("parameters", "tokens", "step").contains(key);
      schema = schema.add(key, value instanceof Double ? DataTypes.DoubleType
          : value instanceof Integer ? DataTypes.IntegerType
          : isLong ? DataTypes.LongType : DataTypes.StringType, true);
    }
    List<Row> out = rows.stream().map(r -> RowFactory.create(r.values().toArray())).toList();
    spark.createDataFrame(out, schema).coalesce(1).write().mode(SaveMode.Overwrite).parquet(dir.toString());
  }
}

package xent.detection;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.xxhash64;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVPrinter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;
import xent.detect.DocumentMetric;
import xent.model.ModelSpec;
import xent.page.ChartSvg;
import xent.scoring.Corpus;
import xent.scoring.CorpusOptions;
import xent.scoring.ScoreJob;
import xent.scoring.ScoreJobOptions;
import xent.scoring.ScoreTable;
import xent.table.CsvTable;

/**
 * {@code xent membership} and {@code xent machine-text}: a balanced benchmark of "yes" and "no"
 * documents (members and held-out documents; machine and human texts), drawn with a seed, scored
 * with every metric by every model (two score runs in OUT), and each metric's AUROC (with a
 * bootstrap interval) and TPR at 1% FPR per model, as MIMIR's tables report them. Writes
 * OUT/NAME.json, OUT/NAME.csv (NAME: membership or machine) and one ROC figure per model,
 * OUT/roc-MODEL.svg.
 */
public final class DetectionBenchmark {

  private static final double LOW_FPR = 0.01;

  private DetectionBenchmark() {}

  public static List<BenchmarkResult> run(SparkSession spark, BenchmarkOptions options) throws IOException {
    Path out = Path.of(options.out());
    Files.createDirectories(out);
    Map<Boolean, Dataset<Row>> scores = new HashMap<>();
    Dataset<Row> yesDocuments = documents(spark, options.positives(), options);
    Dataset<Row> noDocuments = documents(spark, options.negatives(), options);
    // balanced: as many of each side, the smaller side's count when it has fewer than asked
    long perSide = Math.min(options.perSide(), Math.min(yesDocuments.count(), noDocuments.count()));
    if (perSide < 2) {
      throw new IllegalArgumentException("too few documents to compare: " + yesDocuments.count() + " and "
          + noDocuments.count() + (options.domain() == null ? "" : " of domain " + options.domain()));
    }
    for (boolean yes : new boolean[] {true, false}) {
      String side = yes ? "positives" : "negatives";
      CorpusOptions drawn = draw(yes ? yesDocuments : noDocuments, options.seed(), perSide,
          out.resolve("benchmark").resolve(side));
      ScoreJobOptions job = new ScoreJobOptions(options.models(), drawn, out.resolve("scores-" + side).toString(),
          options.scoring(), false, 0).withMetrics(options.metrics(), options.reference(), options.counts());
      ScoreJob.run(spark, job);
      scores.put(yes, ScoreTable.read(spark, job.out()));
    }
    List<BenchmarkResult> results = new ArrayList<>();
    for (ModelSpec model : options.models()) {
      Map<String, Roc> rocs = new java.util.LinkedHashMap<>();
      for (DocumentMetric metric : options.metrics().metrics()) {
        double[] yes = values(scores.get(true), model.name(), metric);
        double[] no = values(scores.get(false), model.name(), metric);
        if (yes.length == 0 || no.length == 0) {
          continue; // no document of a side has a value (all empty): nothing to compare
        }
        Roc roc = new Roc(yes, no);
        rocs.put(metric.key(), roc);
        double[] interval = roc.aurocInterval(0.95, options.resamples(), options.seed());
        results.add(new BenchmarkResult(model.name(), metric.key(), yes.length, no.length, roc.auroc(),
            interval[0], interval[1], roc.tprAt(LOW_FPR)));
      }
      Files.writeString(out.resolve("roc-" + model.name() + ".svg"), ChartSvg.of(chart(options, model.name(), rocs)),
          StandardCharsets.UTF_8);
    }
    write(out, results, options);
    return results;
  }

  /** A corpus's readable documents, of the options' domain when they name one. */
  private static Dataset<Row> documents(SparkSession spark, CorpusOptions corpus, BenchmarkOptions options) {
    Dataset<Row> documents = Corpus.read(spark, corpus).where(col("reject").isNull());
    return options.domain() == null ? documents : documents.where(col("domain").equalTo(options.domain()));
  }

  /** {@code n} documents by a seeded hash of their ids, written as a Parquet corpus. */
  private static CorpusOptions draw(Dataset<Row> documents, long seed, long n, Path to) {
    documents.orderBy(xxhash64(col("doc_id"), lit(seed)), col("doc_id"))
        .limit((int) n)
        .select(col("doc_id").as("id"), col("domain"), col("text"))
        .write().mode(SaveMode.Overwrite).parquet(to.toString());
    return new CorpusOptions(to.toString(), CorpusOptions.Format.PARQUET, "text", "id", "domain", 0);
  }

  /**
   * One model's values of a metric, oriented so that higher means "yes"; documents without a
   * value (no scored token) are left out. At most perSide rows: small enough for the driver.
   */
  private static double[] values(Dataset<Row> table, String model, DocumentMetric metric) {
    return table.where(col("model").equalTo(model).and(col(metric.key()).isNotNull()))
        .select(metric.key()).collectAsList().stream()
        .mapToDouble(r -> metric.towardsYes(r.getDouble(0))).toArray();
  }

  private static XYChart chart(BenchmarkOptions options, String model, Map<String, Roc> rocs) {
    boolean membership = options.question() == DocumentMetric.Question.MEMBER;
    XYChart chart = new XYChartBuilder().width(560).height(460)
        .title((membership ? "Members against held-out documents" : "Machine against human texts")
            + ", model " + model)
        .xAxisTitle(membership ? "false-positive rate (held-out flagged)" : "false-positive rate (human flagged)")
        .yAxisTitle(membership ? "true-positive rate (members flagged)" : "true-positive rate (machine flagged)")
        .build();
    chart.getStyler().setXAxisMin(0.0).setXAxisMax(1.0).setYAxisMin(0.0).setYAxisMax(1.0);
    chart.addSeries("chance", new double[] {0, 1}, new double[] {0, 1}).setMarker(SeriesMarkers.NONE);
    for (Map.Entry<String, Roc> e : rocs.entrySet()) {
      List<double[]> curve = e.getValue().curve();
      double[] x = curve.stream().mapToDouble(p -> p[0]).toArray();
      double[] y = curve.stream().mapToDouble(p -> p[1]).toArray();
      chart.addSeries(String.format("%s (AUROC %.3f)", e.getKey(), e.getValue().auroc()), x, y)
          .setMarker(SeriesMarkers.NONE);
    }
    return chart;
  }

  private static void write(Path out, List<BenchmarkResult> results, BenchmarkOptions options) throws IOException {
    boolean membership = options.question() == DocumentMetric.Question.MEMBER;
    String positives = membership ? "members" : "machine";
    String negatives = membership ? "nonmembers" : "human";
    JsonObject json = new JsonObject();
    json.addProperty("question", options.name());
    json.addProperty("domain", options.domain() == null ? "*" : options.domain());
    json.addProperty("per_side_asked", options.perSide());
    json.addProperty("seed", options.seed());
    json.addProperty("bootstrap_resamples", options.resamples());
    json.addProperty("interval", "95% percentile bootstrap, the two sides resampled apart");
    json.addProperty("orientation", "every metric oriented so that higher = more likely "
        + (membership ? "a member" : "machine-written"));
    JsonArray rows = new JsonArray();
    List<String> header = List.of("model", "metric", positives, negatives, "auroc", "auroc_low",
        "auroc_high", "tpr_at_1pct_fpr");
    try (CSVPrinter csv = CsvTable.printer(out.resolve(options.name() + ".csv"), header)) {
      for (BenchmarkResult r : results) {
        JsonObject row = new JsonObject();
        row.addProperty("model", r.model());
        row.addProperty("metric", r.metric());
        row.addProperty(positives, r.positives());
        row.addProperty(negatives, r.negatives());
        row.addProperty("auroc", r.auroc());
        row.addProperty("auroc_low", r.aurocLow());
        row.addProperty("auroc_high", r.aurocHigh());
        row.addProperty("tpr_at_1pct_fpr", r.tprAt1Fpr());
        rows.add(row);
        csv.printRecord(r.model(), r.metric(), r.positives(), r.negatives(), r.auroc(), r.aurocLow(),
            r.aurocHigh(), r.tprAt1Fpr());
      }
    }
    json.add("results", rows);
    // Every value is finite (a ROC refuses non-finite scores), so the JSON is strict.
    Files.writeString(out.resolve(options.name() + ".json"),
        new GsonBuilder().setPrettyPrinting().create().toJson(json) + "\n", StandardCharsets.UTF_8);
  }
}

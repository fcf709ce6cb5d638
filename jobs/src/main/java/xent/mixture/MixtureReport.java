package xent.mixture;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.awt.Color;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.csv.CSVPrinter;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import xent.page.ChartSvg;
import xent.page.HtmlPage;
import xent.table.CsvTable;
import xent.table.StrictJson;

/** The tables, plots and page of {@code xent mixture}, written into one folder. */
final class MixtureReport {

  /** The mixture a method chose for the target objective. */
  record Choice(String method, String search, double[] w, double predicted, int evaluations, boolean converged,
      double mdeObjective, double low, double high) {

    Choice(String method, String search, double[] w, double predicted, int evaluations, boolean converged) {
      this(method, search, w, predicted, evaluations, converged, Double.NaN, Double.NaN, Double.NaN);
    }

    Choice withMde(double objective) {
      return new Choice(method, search, w, predicted, evaluations, converged, objective, low, high);
    }

    /** The predicted objective's interval from refits on resampled observations. */
    Choice withInterval(double lower, double upper) {
      return new Choice(method, search, w, predicted, evaluations, converged, mdeObjective, lower, upper);
    }

    String describe(List<String> domains) {
      return String.format(Locale.ROOT, "%s (%s): predicted objective %.5f, MDE %.5f, mixture %s", method, search,
          predicted, mdeObjective, mixture(domains));
    }

    String mixture(List<String> domains) {
      List<String> parts = new ArrayList<>();
      for (int i = 0; i < w.length; i++) {
        parts.add(String.format(Locale.ROOT, "%s=%.3f", domains.get(i), w[i]));
      }
      return String.join(" ", parts);
    }
  }

  /** Spearman rho and MAE per (domain, method); row "*" holds the means over domains. */
  record Metrics(List<String> domains, List<String> methods, double[][] spearman, double[][] mae) {

    void print(PrintStream log) {
      log.println("xent mixture: leave-one-mixture-out Spearman rho / MAE (nats/token)");
      log.print(markdown());
    }

    String markdown() {
      StringBuilder s = new StringBuilder("| domain |");
      methods.forEach(m -> s.append(' ').append(m).append(" |"));
      s.append("\n|---|");
      methods.forEach(m -> s.append("---|"));
      s.append('\n');
      for (int j = 0; j <= domains.size(); j++) {
        s.append("| ").append(j == domains.size() ? "all domains" : domains.get(j)).append(" |");
        for (int m = 0; m < methods.size(); m++) {
          s.append(String.format(Locale.ROOT, " %.3f / %.4f |", spearman[m][j], mae[m][j]));
        }
        s.append('\n');
      }
      return s.toString();
    }
  }

  private final Path out;
  private final Experts experts;
  private final List<String> domains;
  private final double[] target;
  private Metrics metrics;

  MixtureReport(Path out, Experts experts, List<String> domains, double[] target) {
    this.out = out;
    this.experts = experts;
    this.domains = List.copyOf(domains);
    this.target = target.clone();
  }

  /** {@code first}, then one column w_DOMAIN per expert, then {@code last}. */
  private List<String> header(List<String> first, List<String> last) {
    List<String> header = new ArrayList<>(first);
    experts.domains().forEach(d -> header.add("w_" + d));
    header.addAll(last);
    return header;
  }

  /** A number for the CSV; NaN (not computed: no interval for the MDE optimum) is an empty cell. */
  private static String g(int digits, double value) {
    return Double.isNaN(value) ? "" : String.format(Locale.ROOT, "%." + digits + "g", value);
  }

  private static void weights(List<Object> row, double[] w) {
    for (double v : w) {
      row.add(g(6, v));
    }
  }

  void writeEstimates(Observations o) throws IOException {
    try (CSVPrinter csv = CsvTable.printer(out.resolve("estimates.csv"),
        header(List.of("model", "domain"), List.of("mde", "observed")))) {
      for (int n = 0; n < o.size(); n++) {
        for (int j = 0; j < domains.size(); j++) {
          List<Object> row = new ArrayList<>(List.of(o.models().get(n), domains.get(j)));
          weights(row, o.w()[n]);
          row.add(g(10, o.mde()[n][j]));
          row.add(g(10, o.loss()[n][j]));
          csv.printRecord(row);
        }
      }
    }
  }

  void writeLeaveOneOut(Observations o, Map<String, double[][]> loo) throws IOException {
    try (CSVPrinter csv = CsvTable.printer(out.resolve("loo.csv"),
        List.of("model", "domain", "method", "predicted", "observed"))) {
      for (int n = 0; n < o.size(); n++) {
        for (int j = 0; j < domains.size(); j++) {
          for (Map.Entry<String, double[][]> e : loo.entrySet()) {
            csv.printRecord(o.models().get(n), domains.get(j), e.getKey(), g(10, e.getValue()[n][j]),
                g(10, o.loss()[n][j]));
          }
        }
      }
    }
  }

  Metrics metrics(Observations o, Map<String, double[][]> loo) throws IOException {
    List<String> methods = List.copyOf(loo.keySet());
    int d = domains.size();
    double[][] rho = new double[methods.size()][d + 1];
    double[][] mae = new double[methods.size()][d + 1];
    for (int m = 0; m < methods.size(); m++) {
      double[][] predicted = loo.get(methods.get(m));
      for (int j = 0; j < d; j++) {
        double[] p = new double[o.size()];
        for (int n = 0; n < p.length; n++) {
          p[n] = predicted[n][j];
        }
        rho[m][j] = Agreement.spearman(p, o.loss(j));
        mae[m][j] = Agreement.meanAbsoluteError(p, o.loss(j));
        rho[m][d] += rho[m][j] / d;
        mae[m][d] += mae[m][j] / d;
      }
    }
    try (CSVPrinter csv = CsvTable.printer(out.resolve("metrics.csv"), List.of("domain", "method", "spearman", "mae"))) {
      for (int j = 0; j <= d; j++) {
        for (int m = 0; m < methods.size(); m++) {
          csv.printRecord(j == d ? "*" : domains.get(j), methods.get(m), String.format(Locale.ROOT, "%.6f", rho[m][j]),
              g(6, mae[m][j]));
        }
      }
    }
    metrics = new Metrics(domains, methods, rho, mae);
    Files.writeString(out.resolve("metrics.md"), "Leave-one-mixture-out Spearman rho / mean absolute error "
        + "(nats/token), predicted against observed validation loss, over " + o.size() + " trained mixtures.\n\n"
        + metrics.markdown(), StandardCharsets.UTF_8);
    return metrics;
  }

  void writeOptimum(List<Choice> choices) throws IOException {
    JsonObject json = new JsonObject();
    JsonObject targetJson = new JsonObject();
    for (int j = 0; j < domains.size(); j++) {
      targetJson.addProperty(domains.get(j), target[j]);
    }
    json.add("target", targetJson);
    json.addProperty("objective", "target-weighted mean validation loss (nats/token)");
    JsonArray array = new JsonArray();
    List<List<Object>> rows = new ArrayList<>();
    for (Choice c : choices) {
      JsonObject o = new JsonObject();
      o.addProperty("method", c.method());
      o.addProperty("search", c.search());
      o.addProperty("predicted_objective", c.predicted());
      if (!Double.isNaN(c.low())) {
        JsonArray interval = new JsonArray();
        interval.add(c.low());
        interval.add(c.high());
        o.add("predicted_interval", interval);
        o.addProperty("predicted_interval_method", "percentile over " + MixtureJob.OPTIMUM_RESAMPLES
            + " refits on observed mixtures resampled with replacement, widened to the estimate");
      }
      o.addProperty("mde_objective", c.mdeObjective());
      o.addProperty("evaluations", c.evaluations());
      o.addProperty("converged", c.converged());
      JsonObject mixture = new JsonObject();
      for (int i = 0; i < c.w().length; i++) {
        mixture.addProperty(experts.domains().get(i), c.w()[i]);
      }
      o.add("mixture", mixture);
      array.add(o);
      List<Object> row = new ArrayList<>(List.of(c.method(), c.search(), g(10, c.predicted()), g(10, c.low()),
          g(10, c.high()), g(10, c.mdeObjective()),
          c.evaluations(), c.converged()));
      weights(row, c.w());
      rows.add(row);
    }
    json.add("methods", array);
    StrictJson.write(out.resolve("optimum.json"), json);
    try (CSVPrinter csv = CsvTable.printer(out.resolve("optimum.csv"), header(List.of("method", "search",
        "predicted_objective", "predicted_low", "predicted_high", "mde_objective", "evaluations", "converged"), List.of()))) {
      csv.printRecords(rows);
    }
  }

  void writePlots(Observations o, Map<String, double[][]> loo, List<Choice> choices) throws IOException {
    System.setProperty("java.awt.headless", "true");
    XYChart chart = new XYChartBuilder().width(900).height(700)
        .title("Leave-one-mixture-out: predicted against observed loss").xAxisTitle("observed loss (nats/token)")
        .yAxisTitle("predicted loss (nats/token)").build();
    chart.getStyler().setChartBackgroundColor(Color.WHITE);
    chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideSE);
    chart.getStyler().setMarkerSize(7);
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (Map.Entry<String, double[][]> e : loo.entrySet()) {
      List<Double> xs = new ArrayList<>();
      List<Double> ys = new ArrayList<>();
      for (int n = 0; n < o.size(); n++) {
        for (int j = 0; j < domains.size(); j++) {
          xs.add(o.loss()[n][j]);
          ys.add(e.getValue()[n][j]);
          lo = Math.min(lo, Math.min(o.loss()[n][j], e.getValue()[n][j]));
          hi = Math.max(hi, Math.max(o.loss()[n][j], e.getValue()[n][j]));
        }
      }
      XYSeries series = chart.addSeries(e.getKey(), xs, ys);
      series.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
    }
    XYSeries diagonal = chart.addSeries("y = x", new double[] {lo, hi}, new double[] {lo, hi});
    diagonal.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
    diagonal.setMarker(SeriesMarkers.NONE);
    diagonal.setLineColor(Color.GRAY);
    BitmapEncoder.saveBitmap(chart, out.resolve("mixture.png").toString(), BitmapEncoder.BitmapFormat.PNG);
    String svg = ChartSvg.of(chart);
    Files.writeString(out.resolve("mixture.svg"), svg, StandardCharsets.UTF_8);
    page(svg, choices).write(out.resolve("mixture.html"));
  }

  private HtmlPage page(String svg, List<Choice> choices) {
    HtmlPage page = new HtmlPage("Data-mixture loss estimates").paragraph("Mixture of Data Experts (Belenki et al.,"
        + " 2025) over the experts " + experts.models() + ", with regressions fitted to trained mixtures.")
        .figure("Leave one mixture out: each method's predicted loss against the observed loss, per mixture and"
            + " validation domain; the line is perfect prediction.", svg);
    if (metrics != null) {
      List<List<String>> rows = new ArrayList<>();
      for (int j = 0; j <= domains.size(); j++) {
        List<String> row = new ArrayList<>(List.of(j == domains.size() ? "all domains" : domains.get(j)));
        for (int m = 0; m < metrics.methods().size(); m++) {
          row.add(String.format(Locale.ROOT, "%.3f / %.4f", metrics.spearman()[m][j], metrics.mae()[m][j]));
        }
        rows.add(row);
      }
      List<String> header = new ArrayList<>(List.of("domain"));
      header.addAll(metrics.methods());
      page.heading(2, "Leave-one-mixture-out: Spearman rho / MAE (nats/token)")
          .table("Rank correlation and mean absolute error of each method's predictions, per validation domain.",
              header, rows);
    }
    List<String> target = new ArrayList<>();
    for (int j = 0; j < domains.size(); j++) {
      target.add(String.format(Locale.ROOT, "%s %.3f", domains.get(j), this.target[j]));
    }
    List<String> header = new ArrayList<>(List.of("method", "search", "predicted", "interval", "MDE"));
    header.addAll(experts.domains());
    List<List<String>> rows = new ArrayList<>();
    for (Choice c : choices) {
      List<String> row = new ArrayList<>(List.of(c.method(), c.search(),
          String.format(Locale.ROOT, "%.5f", c.predicted()), Double.isNaN(c.low()) ? ""
              : String.format(Locale.ROOT, "[%.5f, %.5f]", c.low(), c.high()),
          String.format(Locale.ROOT, "%.5f", c.mdeObjective())));
      for (double v : c.w()) {
        row.add(String.format(Locale.ROOT, "%.3f", v));
      }
      rows.add(row);
    }
    return page.heading(2, "Chosen mixtures").table("Target: " + String.join(", ", target) + ". Each method's best"
        + " mixture, its predicted objective with its interval, and the MDE estimate of that mixture's objective."
        + " A regression's mixture is the mean of its best predicted tenth of the candidates near observed mixtures.",
        header, rows);
  }
}

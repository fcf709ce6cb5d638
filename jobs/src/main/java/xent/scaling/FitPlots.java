package xent.scaling;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import xent.page.ChartSvg;
import xent.page.HtmlPage;

/**
 * The plots of a fit, each as PNG (XChart's bitmap encoder) and SVG ({@link ChartSvg}), and a
 * self-contained index.html with the SVGs inline and the fit's JSON, also written as fit.json.
 *
 * <ul>
 *   <li>loss-vs-compute: observed and fitted loss against the law's variable; for Chinchilla the
 *       compute-optimal frontier L(N*(C), D*(C)).
 *   <li>iso-loss (Chinchilla only): curves of equal predicted loss in the (C, N) plane, with N*(C).
 *   <li>fitted-vs-observed: with the line of perfect fit.
 * </ul>
 */
public final class FitPlots {

  private static final int WIDTH = 800;
  private static final int HEIGHT = 560;

  private FitPlots() {}

  /**
   * Writes the plots, the fit's JSON as fit.json (what reports read back) and index.html into
   * {@code dir}; returns the plot names.
   */
  public static List<String> write(Path dir, ScalingLawFit fit, List<ScalingPoint> points, String json)
      throws IOException {
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("fit.json"), json + "\n", StandardCharsets.UTF_8);
    Map<String, XYChart> charts = new LinkedHashMap<>();
    charts.put("loss-vs-compute", lossChart(fit, points));
    if (fit.law() instanceof ChinchillaLaw) {
      charts.put("iso-loss", isoLossChart(fit, points));
    }
    charts.put("fitted-vs-observed", fittedChart(fit, points));
    HtmlPage page = new HtmlPage("Scaling law fit: " + fit.law().name()).preformatted(json);
    for (Map.Entry<String, XYChart> e : charts.entrySet()) {
      BitmapEncoder.saveBitmap(e.getValue(), dir.resolve(e.getKey() + ".png").toString(), BitmapEncoder.BitmapFormat.PNG);
      String svg = ChartSvg.of(e.getValue());
      Files.writeString(dir.resolve(e.getKey() + ".svg"), svg, StandardCharsets.UTF_8);
      page.heading(2, e.getKey()).figure(e.getKey(), svg);
    }
    page.write(dir.resolve("index.html"));
    return List.copyOf(charts.keySet());
  }

  private static XYChart chart(String title, String x, String y) {
    XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(x).yAxisTitle(y).build();
    chart.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
    chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideNE);
    return chart;
  }

  private static String axisName(ScalingLaw law) {
    return switch (law.name()) {
      case "kaplan-n" -> "parameters N";
      case "kaplan-d" -> "tokens D";
      case "lr-annealing" -> "forward area S1";
      default -> "compute C (FLOP)";
    };
  }

  private static XYChart lossChart(ScalingLawFit fit, List<ScalingPoint> points) {
    ScalingLaw law = fit.law();
    XYChart chart = chart("Loss: observed and fitted (" + law.name() + ")", axisName(law), "loss");
    chart.getStyler().setXAxisLogarithmic(true);
    double[] x = points.stream().mapToDouble(law::abscissa).toArray();
    scatter(chart, "observed", x, points.stream().mapToDouble(ScalingPoint::loss).toArray());
    scatter(chart, "fitted", x, points.stream().mapToDouble(fit::predict).toArray());
    if (law instanceof ChinchillaLaw) {
      ComputeOptimal optimal = ComputeOptimal.of(fit);
      double[] c = logSpace(Arrays.stream(x).min().orElseThrow() / 3, Arrays.stream(x).max().orElseThrow() * 3, 60);
      double[] loss = Arrays.stream(c).map(ci -> fit.predict(ScalingPoint.ofSize("", optimal.parameters(ci), optimal.tokens(ci), ci, 1))).toArray();
      line(chart, "compute-optimal frontier", c, loss);
    }
    return chart;
  }

  private static XYChart isoLossChart(ScalingLawFit fit, List<ScalingPoint> points) {
    XYChart chart = chart("Iso-loss contours of the fitted law", "compute C (FLOP)", "parameters N");
    chart.getStyler().setXAxisLogarithmic(true);
    chart.getStyler().setYAxisLogarithmic(true);
    double e = fit.parameter("E");
    double a = fit.parameter("A");
    double b = fit.parameter("B");
    double alpha = fit.parameter("alpha");
    double beta = fit.parameter("beta");
    double[] losses = points.stream().mapToDouble(ScalingPoint::loss).sorted().toArray();
    double nMin = points.stream().mapToDouble(ScalingPoint::n).min().orElseThrow() / 3;
    double nMax = points.stream().mapToDouble(ScalingPoint::n).max().orElseThrow() * 3;
    for (int level = 1; level <= 5; level++) {
      double target = Bootstrap.quantile(losses, level / 6.0);
      List<Double> cs = new ArrayList<>();
      List<Double> ns = new ArrayList<>();
      for (double n : logSpace(nMin, nMax, 80)) {
        double rest = target - e - a / Math.pow(n, alpha);
        if (rest > 0) {
          // B / D^beta = rest  =>  D = (B / rest)^(1 / beta); C = 6 N D.
          cs.add(6 * n * Math.pow(b / rest, 1 / beta));
          ns.add(n);
        }
      }
      if (cs.size() > 1) {
        line(chart, String.format("L = %.3f", target), cs.stream().mapToDouble(Double::doubleValue).toArray(),
            ns.stream().mapToDouble(Double::doubleValue).toArray());
      }
    }
    ComputeOptimal optimal = ComputeOptimal.of(fit);
    double[] c = logSpace(points.stream().mapToDouble(ScalingPoint::c).min().orElseThrow() / 3,
        points.stream().mapToDouble(ScalingPoint::c).max().orElseThrow() * 3, 40);
    line(chart, "N*(C)", c, Arrays.stream(c).map(optimal::parameters).toArray());
    scatter(chart, "runs", points.stream().mapToDouble(ScalingPoint::c).toArray(),
        points.stream().mapToDouble(ScalingPoint::n).toArray());
    return chart;
  }

  private static XYChart fittedChart(ScalingLawFit fit, List<ScalingPoint> points) {
    XYChart chart = chart("Fitted against observed loss", "observed loss", "fitted loss");
    double[] observed = points.stream().mapToDouble(ScalingPoint::loss).toArray();
    double[] fitted = points.stream().mapToDouble(fit::predict).toArray();
    double lo = Math.min(Arrays.stream(observed).min().orElseThrow(), Arrays.stream(fitted).min().orElseThrow());
    double hi = Math.max(Arrays.stream(observed).max().orElseThrow(), Arrays.stream(fitted).max().orElseThrow());
    line(chart, "y = x", new double[] {lo, hi}, new double[] {lo, hi});
    scatter(chart, "points", observed, fitted);
    return chart;
  }

  private static void scatter(XYChart chart, String name, double[] x, double[] y) {
    XYSeries series = chart.addSeries(name, x, y);
    series.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
  }

  private static void line(XYChart chart, String name, double[] x, double[] y) {
    XYSeries series = chart.addSeries(name, x, y);
    series.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
    series.setMarker(SeriesMarkers.NONE);
  }

  private static double[] logSpace(double from, double to, int n) {
    double[] values = new double[n];
    for (int i = 0; i < n; i++) {
      values[i] = Math.exp(Math.log(from) + (Math.log(to) - Math.log(from)) * i / (n - 1));
    }
    return values;
  }
}

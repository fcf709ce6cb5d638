package xent.page;

import java.awt.Color;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * A labelled scatter plot, coloured by group, as a PNG (XChart), an SVG and a self-contained HTML
 * page whose points show their hover text (SVG {@code <title>}, no script).
 *
 * <p>The SVG is written here rather than by XChart's vector encoder, whose VectorGraphics2D
 * dependency is LGPL.
 */
public record ScatterPlot(String title, String xLabel, String yLabel, List<Point> points) {

  /** One labelled point; {@code hover} is shown on mouse-over in the SVG and HTML. */
  public record Point(String label, double x, double y, String group, String hover) {}

  private static final Color[] PALETTE = {
      new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c), new Color(0xd62728),
      new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f),
      new Color(0xbcbd22), new Color(0x17becf), new Color(0x393b79), new Color(0xad494a)};

  private static final int WIDTH = 1000;
  private static final int HEIGHT = 800;
  private static final int MARGIN = 60;
  private static final int LEGEND = 170; // pixels right of the plot for the colour key

  public ScatterPlot {
    points = List.copyOf(points);
  }

  private Map<String, Color> colours() {
    Map<String, Color> colours = new LinkedHashMap<>();
    points.stream().map(Point::group).sorted().distinct()
        .forEach(g -> colours.put(g, PALETTE[colours.size() % PALETTE.length]));
    return colours;
  }

  public void writePng(Path file) throws IOException {
    System.setProperty("java.awt.headless", "true");
    XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title)
        .xAxisTitle(xLabel).yAxisTitle(yLabel).build();
    chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
    chart.getStyler().setMarkerSize(9);
    chart.getStyler().setChartBackgroundColor(Color.WHITE);
    chart.getStyler().setAnnotationTextFontColor(Color.DARK_GRAY);
    Map<String, Color> colours = colours();
    for (Map.Entry<String, Color> group : colours.entrySet()) {
      List<Double> xs = new ArrayList<>();
      List<Double> ys = new ArrayList<>();
      for (Point p : points) {
        if (p.group().equals(group.getKey())) {
          xs.add(p.x());
          ys.add(p.y());
        }
      }
      XYSeries series = chart.addSeries(group.getKey(), xs, ys);
      series.setMarker(SeriesMarkers.CIRCLE);
      series.setMarkerColor(group.getValue());
    }
    for (Point p : points) {
      chart.addAnnotation(new AnnotationText(p.label(), p.x(), p.y(), false));
    }
    BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
  }

  /**
   * The plot as a standalone SVG document, with equal scales on both axes (as many units per
   * pixel across as up): on a map, distances are what the picture shows, and a stretched axis
   * would stretch them.
   */
  public String svg() {
    double left = MARGIN + 30;
    double right = WIDTH - MARGIN - LEGEND;
    double top = MARGIN;
    double bottom = HEIGHT - MARGIN;
    AxisScale[] axes = equalScales(left, right, top, bottom);
    AxisScale x = axes[0];
    AxisScale y = axes[1];
    Svg s = new Svg(WIDTH, HEIGHT, Color.WHITE);
    s.text((left + right) / 2, 30, 18, "middle", null, 0, title);
    PlotFrame.draw(s, x, y, 11, new Color(0xe6e6e6), Color.DARK_GRAY);
    s.rect(left, top, right - left, bottom - top, null, new Color(0x999999));
    s.text((left + right) / 2, HEIGHT - 18, 13, "middle", null, 0, xLabel);
    s.text(22, (top + bottom) / 2, 13, "middle", null, -90, yLabel);
    Map<String, Color> colours = colours();
    for (Point p : points) {
      double px = x.pixel(p.x());
      double py = y.pixel(p.y());
      s.raw("<g><title>" + Svg.escape(p.hover()) + "</title><circle cx=\"" + Svg.px(px) + "\" cy=\"" + Svg.px(py)
          + "\" r=\"5\" fill=\"" + Svg.hex(colours.get(p.group())) + "\"/>");
      s.text(px + 7, py - 4, 10, "start", new Color(0x333333), 0, p.label()).raw("</g>\n");
    }
    int row = 0;
    for (Map.Entry<String, Color> group : colours.entrySet()) {
      double cy = top + 10 + 18 * row++;
      s.raw("<circle cx=\"" + Svg.px(right + 20) + "\" cy=\"" + Svg.px(cy) + "\" r=\"5\" fill=\""
          + Svg.hex(group.getValue()) + "\"/>");
      s.text(right + 30, cy + 4, 12, "start", null, 0, group.getKey());
    }
    return s.document();
  }

  /** x and y over the points, widened so that a unit is as many pixels on both. */
  private AxisScale[] equalScales(double left, double right, double top, double bottom) {
    double minX = points.stream().mapToDouble(Point::x).min().orElse(0);
    double maxX = points.stream().mapToDouble(Point::x).max().orElse(1);
    double minY = points.stream().mapToDouble(Point::y).min().orElse(0);
    double maxY = points.stream().mapToDouble(Point::y).max().orElse(1);
    double perPixel = Math.max(Math.max(maxX - minX, 1e-9) / (right - left), Math.max(maxY - minY, 1e-9) / (bottom - top))
        * 1.08; // room for the points' labels
    double halfX = perPixel * (right - left) / 2;
    double halfY = perPixel * (bottom - top) / 2;
    double cx = (minX + maxX) / 2;
    double cy = (minY + maxY) / 2;
    return new AxisScale[] {new AxisScale(cx - halfX, cx + halfX, false, left, right),
        new AxisScale(cy - halfY, cy + halfY, false, bottom, top)};
  }

  /** A self-contained page: the SVG inline, hover shows each point's text. */
  public String html() {
    return "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>" + Svg.escape(title) + "</title>\n"
        + "<style>g:hover circle{stroke:black;stroke-width:2} body{font-family:sans-serif}</style></head>\n"
        + "<body>\n" + svg() + "<p>Hover over a point for the model and its metadata.</p>\n</body></html>\n";
  }

  public void writeSvg(Path file) throws IOException {
    Files.writeString(file, svg(), StandardCharsets.UTF_8);
  }

  public void writeHtml(Path file) throws IOException {
    Files.writeString(file, html(), StandardCharsets.UTF_8);
  }
}

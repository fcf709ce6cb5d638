package xent.page;

import java.awt.Color;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
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

  /** The plot as a standalone SVG document. */
  public String svg() {
    double minX = points.stream().mapToDouble(Point::x).min().orElse(0);
    double maxX = points.stream().mapToDouble(Point::x).max().orElse(1);
    double minY = points.stream().mapToDouble(Point::y).min().orElse(0);
    double maxY = points.stream().mapToDouble(Point::y).max().orElse(1);
    double spanX = maxX > minX ? maxX - minX : 1;
    double spanY = maxY > minY ? maxY - minY : 1;
    int plotW = WIDTH - 2 * MARGIN - 160;
    int plotH = HEIGHT - 2 * MARGIN;
    StringBuilder s = new StringBuilder();
    s.append(String.format(Locale.ROOT,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" font-family=\"sans-serif\">%n",
        WIDTH, HEIGHT, WIDTH, HEIGHT));
    s.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
    s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"30\" font-size=\"18\" text-anchor=\"middle\">%s</text>%n",
        MARGIN + plotW / 2, escape(title)));
    s.append(String.format(Locale.ROOT,
        "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#999\"/>%n", MARGIN, MARGIN, plotW, plotH));
    s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"13\" text-anchor=\"middle\">%s</text>%n",
        MARGIN + plotW / 2, HEIGHT - 20, escape(xLabel)));
    s.append(String.format(Locale.ROOT,
        "<text x=\"20\" y=\"%d\" font-size=\"13\" text-anchor=\"middle\" transform=\"rotate(-90 20 %d)\">%s</text>%n",
        MARGIN + plotH / 2, MARGIN + plotH / 2, escape(yLabel)));
    Map<String, Color> colours = colours();
    for (Point p : points) {
      double px = MARGIN + 10 + (p.x() - minX) / spanX * (plotW - 20);
      double py = MARGIN + plotH - 10 - (p.y() - minY) / spanY * (plotH - 20);
      s.append(String.format(Locale.ROOT,
          "<g><title>%s</title><circle cx=\"%.1f\" cy=\"%.1f\" r=\"5\" fill=\"%s\"/>"
              + "<text x=\"%.1f\" y=\"%.1f\" font-size=\"10\" fill=\"#333\">%s</text></g>%n",
          escape(p.hover()), px, py, hex(colours.get(p.group())), px + 7, py - 4, escape(p.label())));
    }
    int row = 0;
    for (Map.Entry<String, Color> group : colours.entrySet()) {
      int y = MARGIN + 10 + 18 * row++;
      s.append(String.format(Locale.ROOT,
          "<circle cx=\"%d\" cy=\"%d\" r=\"5\" fill=\"%s\"/><text x=\"%d\" y=\"%d\" font-size=\"12\">%s</text>%n",
          WIDTH - MARGIN - 140, y, hex(group.getValue()), WIDTH - MARGIN - 130, y + 4, escape(group.getKey())));
    }
    return s.append("</svg>\n").toString();
  }

  /** A self-contained page: the SVG inline, hover shows each point's text. */
  public String html() {
    return "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>" + escape(title) + "</title>\n"
        + "<style>g:hover circle{stroke:black;stroke-width:2} body{font-family:sans-serif}</style></head>\n"
        + "<body>\n" + svg() + "<p>Hover over a point for the model and its metadata.</p>\n</body></html>\n";
  }

  public void writeSvg(Path file) throws IOException {
    Files.writeString(file, svg(), StandardCharsets.UTF_8);
  }

  public void writeHtml(Path file) throws IOException {
    Files.writeString(file, html(), StandardCharsets.UTF_8);
  }

  private static String hex(Color c) {
    return String.format("#%02x%02x%02x", c.getRed(), c.getGreen(), c.getBlue());
  }

  static String escape(String s) {
    return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}

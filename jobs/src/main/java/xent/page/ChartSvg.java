package xent.page;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.style.SeriesColorMarkerLineStyle;
import org.knowm.xchart.internal.style.SeriesColorMarkerLineStyleCycler;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.Marker;

/**
 * An XChart chart as an SVG document whose text is {@code <text>}.
 *
 * <p>XChart paints every label as the outline of its glyphs ({@code TextLayout.getOutline} then
 * {@code Graphics2D.fill}, in AxisTitle, AxisTickLabels, ChartTitle and Legend_), so any
 * Graphics2D it paints on, Batik's SVGGraphics2D included, only ever sees filled shapes: the
 * figures could not be searched or copied from, and the outlines were most of their bytes. So the
 * chart is drawn here from its model instead: title, axis titles, linear or logarithmic axes with
 * their fixed ends, the series (line, step or scatter; colours, strokes and markers as the series
 * or the styler's cycle give them, as XChart itself assigns them) and the legend at the styler's
 * position, with the styler's fonts' sizes and colours. Not drawn: annotations, error bars,
 * secondary y axes and date axes, which no figure of xent uses.
 */
public final class ChartSvg {

  private static final double CHAR_WIDTH = 0.6; // of the font size, a sans-serif digit is 0.55
  private static final double PADDING = 0.04; // of an axis's span, on each side of the data
  private static final double MARGIN = 10;
  private static final double LEGEND_SAMPLE = 24; // length of a legend entry's line sample

  private ChartSvg() {}

  /** A series with the colours, stroke and marker it is drawn with. */
  private record Drawn(XYSeries series, XYSeries.XYSeriesRenderStyle style, Color line, BasicStroke stroke,
      Color markerColour, Marker marker) {

    boolean hasLine() {
      return style != XYSeries.XYSeriesRenderStyle.Scatter && stroke != null && stroke.getLineWidth() > 0;
    }

    boolean hasMarker() {
      return marker != null && !marker.getClass().getSimpleName().equals("None");
    }

    String label() {
      return series.getLabel() != null ? series.getLabel() : series.getName();
    }
  }

  public static String of(XYChart chart) {
    XYStyler styler = chart.getStyler();
    int width = chart.getWidth();
    int height = chart.getHeight();
    List<Drawn> drawn = drawn(chart);
    double titleSize = styler.getChartTitleFont().getSize2D();
    double axisTitleSize = styler.getAxisTitleFont().getSize2D();
    double tickSize = styler.getAxisTickLabelsFont().getSize2D();
    double legendSize = styler.getLegendFont().getSize2D();
    boolean title = styler.isChartTitleVisible() && notBlank(chart.getTitle());
    boolean xTitle = styler.isXAxisTitleVisible() && notBlank(chart.getXAxisTitle());
    boolean yTitle = styler.isYAxisTitleVisible() && notBlank(chart.getYAxisTitle());
    List<Drawn> legend = styler.isLegendVisible() ? drawn.stream().filter(d -> d.series().isShowInLegend()).toList()
        : List.of();
    double legendWidth = legend.stream().mapToDouble(d -> textWidth(d.label(), legendSize)).max().orElse(0)
        + LEGEND_SAMPLE + 3 * 6;
    double legendHeight = legend.size() * (legendSize + 6) + 6;
    Styler.LegendPosition position = styler.getLegendPosition();

    double top = MARGIN + (title ? titleSize + 10 : 0);
    double right = width - MARGIN - (!legend.isEmpty() && position == Styler.LegendPosition.OutsideE
        ? legendWidth + MARGIN : 0);
    double bottom = height - MARGIN - (xTitle ? axisTitleSize + 8 : 0) - tickSize - 8
        - (!legend.isEmpty() && position == Styler.LegendPosition.OutsideS ? legendHeight + MARGIN : 0);
    AxisScale y = AxisScale.fitting(values(drawn, false), styler.isYAxisLogarithmic(), styler.getYAxisMin(),
        styler.getYAxisMax(), PADDING, bottom, top);
    double left = MARGIN + (yTitle ? axisTitleSize + 8 : 0) + PlotFrame.labelWidth(y, tickSize) + 8;
    AxisScale x = AxisScale.fitting(values(drawn, true), styler.isXAxisLogarithmic(), styler.getXAxisMin(),
        styler.getXAxisMax(), PADDING, left, right);

    Svg svg = new Svg(width, height, styler.getChartBackgroundColor());
    if (title) {
      svg.text((left + right) / 2, MARGIN + titleSize, titleSize, "middle", styler.getChartFontColor(), 0,
          chart.getTitle());
    }
    svg.rect(left, top, right - left, bottom - top, styler.getPlotBackgroundColor(), null);
    PlotFrame.draw(svg, x, y, tickSize, styler.isPlotGridLinesVisible() ? styler.getPlotGridLinesColor() : null,
        styler.getAxisTickLabelsColor());
    if (styler.isPlotBorderVisible()) {
      svg.rect(left, top, right - left, bottom - top, null, styler.getPlotBorderColor());
    }
    if (xTitle) {
      svg.text((left + right) / 2, bottom + 8 + tickSize + 6 + axisTitleSize, axisTitleSize, "middle",
          styler.getChartFontColor(), 0, chart.getXAxisTitle());
    }
    if (yTitle) {
      double cx = MARGIN + axisTitleSize;
      svg.text(cx, (top + bottom) / 2, axisTitleSize, "middle", styler.getChartFontColor(), -90,
          chart.getYAxisTitle());
    }
    svg.raw("<clipPath id=\"plot\"><rect x=\"" + Svg.px(left) + "\" y=\"" + Svg.px(top) + "\" width=\""
        + Svg.px(right - left) + "\" height=\"" + Svg.px(bottom - top) + "\"/></clipPath>\n<g clip-path=\"url(#plot)\">\n");
    double markerSize = styler.getMarkerSize();
    for (Drawn d : drawn) {
      double[] xs = d.series().getXData();
      double[] ys = d.series().getYData();
      if (d.hasLine()) {
        svg.raw(SeriesPath.line(x, y, xs, ys, d.style() == XYSeries.XYSeriesRenderStyle.Step, d.line(), d.stroke()));
      }
      if (d.hasMarker()) {
        svg.raw(SeriesPath.markers(x, y, xs, ys, d.marker(), d.markerColour(), markerSize));
      }
    }
    svg.raw("</g>\n");
    if (!legend.isEmpty()) {
      double[] corner = legendCorner(position, left, top, right, bottom, width, height, legendWidth, legendHeight);
      legend(svg, legend, corner[0], corner[1], legendWidth, legendHeight, legendSize, markerSize, styler);
    }
    return svg.document();
  }

  /** The series in paint order, each with the style XChart would give it (XYChart.setSeriesStyles). */
  private static List<Drawn> drawn(XYChart chart) {
    XYStyler styler = chart.getStyler();
    SeriesColorMarkerLineStyleCycler cycler = new SeriesColorMarkerLineStyleCycler(styler.getSeriesColors(),
        styler.getSeriesMarkers(), styler.getSeriesLines());
    List<Drawn> drawn = new ArrayList<>();
    for (XYSeries series : chart.getSeriesMap().values()) {
      SeriesColorMarkerLineStyle next = cycler.getNextSeriesColorMarkerLineStyle();
      if (!series.isEnabled()) {
        continue;
      }
      XYSeries.XYSeriesRenderStyle style = series.getXYSeriesRenderStyle() != null ? series.getXYSeriesRenderStyle()
          : styler.getDefaultSeriesRenderStyle();
      drawn.add(new Drawn(series, style,
          series.getLineColor() != null ? series.getLineColor() : next.getColor(),
          series.getLineStyle() != null ? series.getLineStyle() : next.getStroke(),
          series.getMarkerColor() != null ? series.getMarkerColor() : next.getColor(),
          series.getMarker() != null ? series.getMarker() : next.getMarker()));
    }
    return drawn;
  }

  private static double[] values(List<Drawn> drawn, boolean x) {
    return drawn.stream().flatMapToDouble(d -> java.util.Arrays.stream(x ? d.series().getXData()
        : d.series().getYData())).toArray();
  }

  /** The top-left corner of the legend box at {@code position}. */
  private static double[] legendCorner(Styler.LegendPosition position, double left, double top, double right,
      double bottom, int width, int height, double w, double h) {
    double inset = 8;
    return switch (position) {
      case OutsideE -> new double[] {width - MARGIN - w, top};
      case OutsideS -> new double[] {(left + right - w) / 2, height - MARGIN - h};
      case InsideNW -> new double[] {left + inset, top + inset};
      case InsideSW -> new double[] {left + inset, bottom - inset - h};
      case InsideSE -> new double[] {right - inset - w, bottom - inset - h};
      case InsideN -> new double[] {(left + right - w) / 2, top + inset};
      case InsideS -> new double[] {(left + right - w) / 2, bottom - inset - h};
      default -> new double[] {right - inset - w, top + inset}; // InsideNE
    };
  }

  private static void legend(Svg svg, List<Drawn> entries, double x, double y, double w, double h, double size,
      double markerSize, Styler styler) {
    svg.rect(x, y, w, h, styler.getLegendBackgroundColor(), styler.getLegendBorderColor());
    double row = y + 6 + size / 2;
    for (Drawn d : entries) {
      double sampleLeft = x + 6;
      if (d.hasLine()) {
        svg.raw(SeriesPath.line(new double[] {sampleLeft, sampleLeft + LEGEND_SAMPLE}, new double[] {row, row},
            d.line(), d.stroke()));
      }
      if (d.hasMarker()) {
        svg.raw(SeriesPath.marker(d.marker(), d.markerColour(), sampleLeft + LEGEND_SAMPLE / 2, row, markerSize));
      }
      svg.text(sampleLeft + LEGEND_SAMPLE + 6, row + size * 0.35, size, "start", styler.getChartFontColor(), 0,
          d.label());
      row += size + 6;
    }
  }

  static double textWidth(String text, double size) {
    return text.length() * CHAR_WIDTH * size;
  }

  private static boolean notBlank(String s) {
    return s != null && !s.isBlank();
  }
}

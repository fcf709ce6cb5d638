package xent.page;

import java.awt.Color;
import java.util.List;

/**
 * The frame of a plot: its grid lines at the labelled ticks, the tick marks outside the plot area
 * and the tick labels as text. Grid lines and marks are one path each (a log axis has dozens).
 */
final class PlotFrame {

  private PlotFrame() {}

  /** Draws the frame of x and y; {@code grid} is null for none. */
  static void draw(Svg svg, AxisScale x, AxisScale y, double tickSize, Color grid, Color ticks) {
    double left = Math.min(x.from(), x.to());
    double right = Math.max(x.from(), x.to());
    double top = Math.min(y.from(), y.to());
    double bottom = Math.max(y.from(), y.to());
    List<AxisScale.Tick> xTicks = x.ticks();
    List<AxisScale.Tick> yTicks = y.ticks();
    StringBuilder lines = new StringBuilder();
    StringBuilder marks = new StringBuilder();
    for (AxisScale.Tick t : xTicks) {
      String px = Svg.px(x.pixel(t.value()));
      if (t.major()) {
        lines.append('M').append(px).append(' ').append(Svg.px(top)).append('V').append(Svg.px(bottom));
      }
      marks.append('M').append(px).append(' ').append(Svg.px(bottom)).append('v').append(t.major() ? 5 : 3);
    }
    for (AxisScale.Tick t : yTicks) {
      String py = Svg.px(y.pixel(t.value()));
      if (t.major()) {
        lines.append('M').append(Svg.px(left)).append(' ').append(py).append('H').append(Svg.px(right));
      }
      marks.append('M').append(Svg.px(left)).append(' ').append(py).append('h').append(t.major() ? -5 : -3);
    }
    if (grid != null && lines.length() > 0) {
      svg.raw("<path fill=\"none\"" + Svg.stroke(grid, 1) + " d=\"" + lines + "\"/>\n");
    }
    svg.raw("<path fill=\"none\"" + Svg.stroke(ticks, 1) + " d=\"" + marks + "\"/>\n");
    for (AxisScale.Tick t : xTicks) {
      if (t.major()) {
        svg.text(x.pixel(t.value()), bottom + 6 + tickSize, tickSize, "middle", ticks, 0, t.label());
      }
    }
    for (AxisScale.Tick t : yTicks) {
      if (t.major()) {
        svg.text(left - 7, y.pixel(t.value()) + tickSize * 0.35, tickSize, "end", ticks, 0, t.label());
      }
    }
  }

  /** The widest tick label of an axis, in pixels (an estimate: the reader's font decides). */
  static double labelWidth(AxisScale axis, double tickSize) {
    return axis.ticks().stream().mapToDouble(t -> ChartSvg.textWidth(t.label(), tickSize)).max().orElse(0);
  }
}

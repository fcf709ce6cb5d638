package xent.page;

import java.awt.BasicStroke;
import java.awt.Color;
import org.knowm.xchart.style.markers.Marker;

/**
 * A data series in SVG: its line as one path (a point that cannot be drawn, such as NaN or a
 * non-positive value on a log axis, breaks it; points on the same tenth of a pixel as the one
 * before are dropped), and its markers as one group of shapes.
 */
final class SeriesPath {

  private SeriesPath() {}

  /** The line through the data points (x[i], y[i]); {@code step} draws it as steps, horizontal first. */
  static String line(AxisScale x, AxisScale y, double[] xs, double[] ys, boolean step, Color colour,
      BasicStroke stroke) {
    StringBuilder d = new StringBuilder();
    String last = null;
    boolean pen = false;
    String lastY = null;
    for (int i = 0; i < Math.min(xs.length, ys.length); i++) {
      if (!x.drawable(xs[i]) || !y.drawable(ys[i])) {
        pen = false;
        continue;
      }
      String px = Svg.px(x.pixel(xs[i]));
      String py = Svg.px(y.pixel(ys[i]));
      String point = px + " " + py;
      if (point.equals(last) && pen) {
        continue;
      }
      if (pen && step) {
        d.append('L').append(px).append(' ').append(lastY);
      }
      d.append(pen ? 'L' : 'M').append(point);
      pen = true;
      last = point;
      lastY = py;
    }
    return d.length() == 0 ? "" : path(d, colour, stroke);
  }

  /** A line through pixel coordinates (a legend's sample). */
  static String line(double[] px, double[] py, Color colour, BasicStroke stroke) {
    StringBuilder d = new StringBuilder();
    for (int i = 0; i < px.length; i++) {
      d.append(i == 0 ? 'M' : 'L').append(Svg.px(px[i])).append(' ').append(Svg.px(py[i]));
    }
    return path(d, colour, stroke);
  }

  private static String path(StringBuilder d, Color colour, BasicStroke stroke) {
    StringBuilder s = new StringBuilder("<path fill=\"none\"").append(Svg.stroke(colour, stroke.getLineWidth()));
    float[] dash = stroke.getDashArray();
    if (dash != null && dash.length > 0) {
      s.append(" stroke-dasharray=\"");
      for (int i = 0; i < dash.length; i++) {
        s.append(i == 0 ? "" : " ").append(Svg.px(dash[i]));
      }
      s.append('"');
    }
    return s.append(" d=\"").append(d).append("\"/>\n").toString();
  }

  /** One marker per drawable data point, {@code size} pixels across. */
  static String markers(AxisScale x, AxisScale y, double[] xs, double[] ys, Marker marker, Color colour,
      double size) {
    StringBuilder s = new StringBuilder("<g fill=\"").append(Svg.hex(colour)).append('"')
        .append(Svg.opacity("fill-opacity", colour)).append(">\n");
    for (int i = 0; i < Math.min(xs.length, ys.length); i++) {
      if (x.drawable(xs[i]) && y.drawable(ys[i])) {
        s.append(shape(marker, x.pixel(xs[i]), y.pixel(ys[i]), size)).append('\n');
      }
    }
    return s.append("</g>\n").toString();
  }

  /** One marker of its own colour (a legend's sample). */
  static String marker(Marker marker, Color colour, double cx, double cy, double size) {
    return "<g fill=\"" + Svg.hex(colour) + "\"" + Svg.opacity("fill-opacity", colour) + ">"
        + shape(marker, cx, cy, size) + "</g>\n";
  }

  /** XChart's marker shapes by their class; an unknown one is drawn as a circle. */
  private static String shape(Marker marker, double cx, double cy, double size) {
    double r = size / 2;
    return switch (marker.getClass().getSimpleName()) {
      case "Square", "Rectangle" -> bar(cx - r, cy - r, size, size);
      case "Diamond" -> "<path d=\"M" + Svg.px(cx) + " " + Svg.px(cy - r) + "l" + Svg.px(r) + " " + Svg.px(r) + " "
          + Svg.px(-r) + " " + Svg.px(r) + " " + Svg.px(-r) + " " + Svg.px(-r) + "z\"/>";
      case "TriangleUp" -> "<path d=\"M" + Svg.px(cx) + " " + Svg.px(cy - r) + "l" + Svg.px(r) + " " + Svg.px(size)
          + "h" + Svg.px(-size) + "z\"/>";
      case "TriangleDown" -> "<path d=\"M" + Svg.px(cx) + " " + Svg.px(cy + r) + "l" + Svg.px(r) + " "
          + Svg.px(-size) + "h" + Svg.px(-size) + "z\"/>";
      case "Cross", "Plus" -> bar(cx - r, cy - size / 8, size, size / 4) + bar(cx - size / 8, cy - r, size / 4, size);
      default -> "<circle cx=\"" + Svg.px(cx) + "\" cy=\"" + Svg.px(cy) + "\" r=\"" + Svg.px(r) + "\"/>";
    };
  }

  private static String bar(double x, double y, double width, double height) {
    return "<rect x=\"" + Svg.px(x) + "\" y=\"" + Svg.px(y) + "\" width=\"" + Svg.px(width) + "\" height=\""
        + Svg.px(height) + "\"/>";
  }
}

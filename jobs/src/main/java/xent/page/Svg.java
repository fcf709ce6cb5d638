package xent.page;

import java.awt.Color;
import java.util.Locale;

/**
 * An SVG document written element by element. Text is {@code <text>} (searchable, copyable,
 * drawn in the reader's font); coordinates are rounded to a tenth of a pixel, which is all a
 * screen shows, so a figure's size is its content rather than its digits.
 */
final class Svg {

  private final StringBuilder s = new StringBuilder();

  Svg(int width, int height, Color background) {
    s.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\""
        + " viewBox=\"0 0 %d %d\" font-family=\"sans-serif\">%n", width, height, width, height));
    if (background != null) {
      s.append("<rect width=\"100%\" height=\"100%\" fill=\"").append(hex(background)).append("\"/>\n");
    }
  }

  /** Markup as it is: the caller escapes what it puts inside. */
  Svg raw(String markup) {
    s.append(markup);
    return this;
  }

  /** Text at (x, y), {@code anchor} start, middle or end, turned by {@code degrees} about its anchor. */
  Svg text(double x, double y, double size, String anchor, Color colour, double degrees, String content) {
    s.append("<text x=\"").append(px(x)).append("\" y=\"").append(px(y)).append("\" font-size=\"").append(px(size))
        .append('"');
    if (!anchor.equals("start")) {
      s.append(" text-anchor=\"").append(anchor).append('"');
    }
    if (colour != null && !colour.equals(Color.BLACK)) {
      s.append(" fill=\"").append(hex(colour)).append('"');
    }
    if (degrees != 0) {
      s.append(" transform=\"rotate(").append(px(degrees)).append(' ').append(px(x)).append(' ').append(px(y))
          .append(")\"");
    }
    s.append('>').append(escape(content)).append("</text>\n");
    return this;
  }

  Svg line(double x1, double y1, double x2, double y2, Color stroke, double width) {
    s.append("<line x1=\"").append(px(x1)).append("\" y1=\"").append(px(y1)).append("\" x2=\"").append(px(x2))
        .append("\" y2=\"").append(px(y2)).append('"').append(stroke(stroke, width)).append("/>\n");
    return this;
  }

  Svg rect(double x, double y, double width, double height, Color fill, Color stroke) {
    s.append("<rect x=\"").append(px(x)).append("\" y=\"").append(px(y)).append("\" width=\"").append(px(width))
        .append("\" height=\"").append(px(height)).append("\" fill=\"").append(fill == null ? "none" : hex(fill))
        .append('"').append(opacity("fill-opacity", fill)).append(stroke == null ? "" : stroke(stroke, 1))
        .append("/>\n");
    return this;
  }

  /** The attributes of a stroke of {@code colour} (its alpha as opacity) and {@code width}. */
  static String stroke(Color colour, double width) {
    return " stroke=\"" + hex(colour) + "\"" + opacity("stroke-opacity", colour)
        + (width == 1 ? "" : " stroke-width=\"" + px(width) + "\"");
  }

  static String opacity(String attribute, Color colour) {
    return colour == null || colour.getAlpha() == 255 ? ""
        : " " + attribute + "=\"" + String.format(Locale.ROOT, "%.2f", colour.getAlpha() / 255.0) + "\"";
  }

  String document() {
    return s + "</svg>\n";
  }

  /** A coordinate to a tenth of a pixel: 12.3, 12 (not 12.0), 0 (not -0). */
  static String px(double value) {
    long tenths = Math.round(value * 10);
    if (tenths % 10 == 0) {
      return Long.toString(tenths / 10);
    }
    return (tenths < 0 ? "-" : "") + Math.abs(tenths) / 10 + "." + Math.abs(tenths) % 10;
  }

  static String hex(Color c) {
    return String.format("#%02x%02x%02x", c.getRed(), c.getGreen(), c.getBlue());
  }

  static String escape(String text) {
    return text == null ? "" : text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}

package xent.page;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.parser.Parser;

/**
 * A self-contained HTML page built in order: headings, paragraphs, tables and SVG figures, each
 * table and figure with a caption saying how to read it. Nothing is loaded from elsewhere: figures
 * are inline SVG, and no script or style sheet is linked.
 */
public final class HtmlPage {

  private final StringBuilder body = new StringBuilder();
  private final String title;
  private int figures;

  public HtmlPage(String title) {
    this.title = title;
  }

  public HtmlPage heading(int level, String text) {
    body.append(String.format("<h%d>%s</h%d>%n", level, escape(text), level));
    return this;
  }

  public HtmlPage paragraph(String text) {
    body.append("<p>").append(escape(text)).append("</p>\n");
    return this;
  }

  /**
   * Opens a section; an unidentified one (a fit the data do not pin down) is drawn in grey, with
   * its figures faded, so that it does not read as a result. Closed by {@link #endSection}.
   */
  public HtmlPage section(boolean unidentified) {
    body.append(unidentified ? "<section class=\"unidentified\">\n" : "<section>\n");
    return this;
  }

  public HtmlPage endSection() {
    body.append("</section>\n");
    return this;
  }

  /** Text shown as it is, in a monospaced block (a JSON document, say). */
  public HtmlPage preformatted(String text) {
    body.append("<pre>").append(escape(text)).append("</pre>\n");
    return this;
  }

  /**
   * A table with its caption, the sentence that says what the table means. It scrolls sideways
   * in a box of the page's width when it is wider (many domains, long model names), rather than
   * running over the page's edge.
   */
  public HtmlPage table(String caption, List<String> header, List<List<String>> rows) {
    body.append("<div class=\"table\"><table>\n<caption>").append(escape(caption)).append("</caption>\n<tr>");
    header.forEach(h -> body.append("<th>").append(escape(h)).append("</th>"));
    body.append("</tr>\n");
    for (List<String> row : rows) {
      body.append("<tr>");
      row.forEach(cell -> body.append(numeric(cell) ? "<td class=\"n\">" : "<td>").append(escape(cell)).append("</td>"));
      body.append("</tr>\n");
    }
    body.append("</table></div>\n");
    return this;
  }

  /**
   * An SVG document inline, with its caption. Its XML prolog is dropped, its ids get a prefix of
   * their own (every chart names its clip path "plot", and ids are global to the page), and so do
   * the references to them; it gets a viewBox so that it scales to the page's width. The SVG is parsed as XML (jsoup), so attribute order, quoting and text content
   * cannot fool the rewriting.
   */
  public HtmlPage figure(String caption, String svg) {
    Document document = Jsoup.parse(svg, "", Parser.xmlParser());
    Element root = document.selectFirst("svg");
    if (root == null) {
      throw new IllegalArgumentException("figure '" + caption + "' is not an SVG document (no <svg element)");
    }
    String prefix = "f" + ++figures + "-";
    for (Element element : root.getAllElements()) {
      for (Attribute attribute : element.attributes()) {
        String key = attribute.getKey();
        String value = attribute.getValue();
        if (key.equals("id")) {
          attribute.setValue(prefix + value);
        } else if ((key.equals("href") || key.equals("xlink:href")) && value.startsWith("#")) {
          attribute.setValue("#" + prefix + value.substring(1));
        } else if (value.contains("url(#")) {
          attribute.setValue(value.replace("url(#", "url(#" + prefix));
        }
      }
    }
    if (!root.hasAttr("viewBox") && root.hasAttr("width") && root.hasAttr("height")) {
      root.attr("viewBox", "0 0 " + leadingNumber(root.attr("width")) + " " + leadingNumber(root.attr("height")));
    }
    root.ownerDocument().outputSettings().prettyPrint(false).syntax(Document.OutputSettings.Syntax.xml);
    body.append("<figure>\n").append(root.outerHtml().strip()).append("\n<figcaption>").append(escape(caption))
        .append("</figcaption>\n</figure>\n");
    return this;
  }

  /** 400 of "400", "400px" or "400.5pt". */
  private static String leadingNumber(String length) {
    int end = 0;
    while (end < length.length() && (Character.isDigit(length.charAt(end)) || length.charAt(end) == '.')) {
      end++;
    }
    return end == 0 ? length : length.substring(0, end);
  }

  public String html() {
    return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + escape(title) + "</title>\n"
        + "<style>body{font-family:sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;line-height:1.4}"
        + "div.table{max-width:100%;overflow-x:auto;margin:1em 0}table{border-collapse:collapse;font-size:90%}"
        // a caption is as wide as its table unless told otherwise: a narrow table's caption was a column of words
        + "caption{caption-side:top;width:max-content;max-width:min(100vw - 4em, 1100px);text-align:left;"
        + "padding:.3em 0;font-style:italic}th,td{border:1px solid #ccc;padding:2px 6px;text-align:left}"
        + "td.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}figure{margin:1em 0}"
        + "figure svg{max-width:100%;height:auto}figcaption{font-style:italic}"
        + "section.unidentified{color:#777}section.unidentified figure svg{opacity:.5}"
        + "section.unidentified td{color:#777;background:#f4f4f4}"
        + "g:hover circle{stroke:black;stroke-width:2}</style></head>\n<body>\n<h1>" + escape(title) + "</h1>\n"
        + body + "</body></html>\n";
  }

  public Path write(Path file) throws IOException {
    Files.writeString(file, html(), StandardCharsets.UTF_8);
    return file;
  }

  /** A decimal number to four significant digits (whole below 10^7), any other text as it is. */
  public static String number(String text) {
    if (!numeric(text) || !(text.contains(".") || text.contains("e") || text.contains("E"))) {
      return text;
    }
    return number(Double.parseDouble(text));
  }

  public static String number(double value) {
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      return String.valueOf(value);
    }
    if (Math.abs(value) < 1e7 && (value == Math.rint(value) || Math.abs(value) >= 1e4)) {
      return String.format(Locale.ROOT, "%d", Math.round(value)); // 14182, not 1.418e+04
    }
    String s = String.format(Locale.ROOT, "%.4g", value);
    return s.contains("e") ? s : s.replaceAll("(\\.\\d*?)0+$", "$1").replaceAll("\\.$", "");
  }

  private static boolean numeric(String text) {
    return text != null && text.matches("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?");
  }

  static String escape(String s) {
    return Svg.escape(s);
  }
}

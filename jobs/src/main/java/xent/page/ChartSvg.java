package xent.page;

import java.awt.Dimension;
import java.io.IOException;
import java.io.StringWriter;
import java.io.Writer;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.apache.batik.svggen.SVGGeneratorContext;
import org.apache.batik.svggen.SVGGraphics2D;
import org.knowm.xchart.XYChart;
import org.w3c.dom.Document;

/**
 * An XChart chart as an SVG document: painted on Batik's SVGGraphics2D, since XChart's own vector
 * encoder depends on the LGPL VectorGraphics2D.
 */
public final class ChartSvg {

  /**
   * Decimals of every coordinate Batik writes, in pixels: one places every point (and every
   * glyph outline, which is most of a figure's bytes) within 0.05 pixel; Batik's default of 4
   * wrote three more digits per number that no screen shows.
   */
  private static final int PRECISION = 1;

  private ChartSvg() {}

  public static String of(XYChart chart) throws IOException {
    Document document;
    try {
      document = DocumentBuilderFactory.newInstance().newDocumentBuilder().newDocument();
    } catch (ParserConfigurationException e) {
      throw new IOException("no XML DOM to draw SVG on: " + e.getMessage(), e);
    }
    SVGGeneratorContext context = SVGGeneratorContext.createDefault(document);
    context.setPrecision(PRECISION);
    SVGGraphics2D graphics = new SVGGraphics2D(context, false);
    graphics.setSVGCanvasSize(new Dimension(chart.getWidth(), chart.getHeight()));
    chart.paint(graphics, chart.getWidth(), chart.getHeight());
    Writer out = new StringWriter();
    graphics.stream(out, true);
    return out.toString();
  }
}

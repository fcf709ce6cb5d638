package xent.page;

import java.awt.Dimension;
import java.io.IOException;
import java.io.StringWriter;
import java.io.Writer;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.apache.batik.svggen.SVGGraphics2D;
import org.knowm.xchart.XYChart;
import org.w3c.dom.Document;

/**
 * An XChart chart as an SVG document: painted on Batik's SVGGraphics2D, since XChart's own vector
 * encoder depends on the LGPL VectorGraphics2D.
 */
public final class ChartSvg {

  private ChartSvg() {}

  public static String of(XYChart chart) throws IOException {
    Document document;
    try {
      document = DocumentBuilderFactory.newInstance().newDocumentBuilder().newDocument();
    } catch (ParserConfigurationException e) {
      throw new IOException("no XML DOM to draw SVG on: " + e.getMessage(), e);
    }
    SVGGraphics2D graphics = new SVGGraphics2D(document);
    graphics.setSVGCanvasSize(new Dimension(chart.getWidth(), chart.getHeight()));
    chart.paint(graphics, chart.getWidth(), chart.getHeight());
    Writer out = new StringWriter();
    graphics.stream(out, true);
    return out.toString();
  }
}

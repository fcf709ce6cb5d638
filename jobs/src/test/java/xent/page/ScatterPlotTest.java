package xent.page;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.parser.Parser;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("fast")
class ScatterPlotTest {

  @Test
  void drawsTheMapWithOneScaleOnBothAxesAndItsAxisTitlesAsText() {
    // a map ten times wider than high: a stretched y axis would make the short side look as long
    ScatterPlot plot = new ScatterPlot("Model map", "PC 1 (90.0% of the variance)", "PC 2 (9.0% of the variance)",
        List.of(new ScatterPlot.Point("a", -50, 0, "news", "a"), new ScatterPlot.Point("b", 50, 5, "news", "b"),
            new ScatterPlot.Point("c", 10, -5, "ham", "c")));
    Document svg = Jsoup.parse(plot.svg(), "", Parser.xmlParser());
    List<Element> points = svg.select("g > circle");
    assertEquals(3, points.size());
    double[][] at = new double[3][];
    for (int i = 0; i < 3; i++) {
      at[i] = new double[] {Double.parseDouble(points.get(i).attr("cx")), Double.parseDouble(points.get(i).attr("cy"))};
    }
    double perUnitX = (at[1][0] - at[0][0]) / 100;
    double perUnitY = (at[2][1] - at[1][1]) / 10; // y grows upwards: b is 10 units above c
    assertTrue(perUnitX > 0);
    assertEquals(perUnitX, perUnitY, 0.2 / 10, "pixels per unit across and up");
    List<String> texts = svg.select("text").stream().map(Element::text).toList();
    assertTrue(texts.containsAll(List.of("PC 1 (90.0% of the variance)", "PC 2 (9.0% of the variance)", "news", "ham")),
        texts.toString());
    assertTrue(texts.containsAll(List.of("-40", "0", "40")), "tick labels on the map's axes: " + texts);
  }
}

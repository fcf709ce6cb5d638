package xent.page;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.parser.Parser;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

@Tag("fast")
class ChartSvgTest {

  /** Five runs on L(C) = 2 + 30 C^-0.1 over four decades of compute, and the law as a line. */
  private static XYChart lossAgainstCompute() {
    XYChart chart = new XYChartBuilder().width(640).height(480).title("Loss of the scaling runs against compute")
        .xAxisTitle("compute C (FLOP)").yAxisTitle("validation loss (nats per token)").build();
    chart.getStyler().setXAxisLogarithmic(true).setLegendPosition(Styler.LegendPosition.InsideNE);
    double[] c = {1e9, 1e10, 1e11, 1e12, 1e13};
    double[] loss = new double[c.length];
    for (int i = 0; i < c.length; i++) {
      loss[i] = 2 + 30 * Math.pow(c[i], -0.1);
    }
    chart.addSeries("observed", c, loss).setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
    chart.addSeries("fitted law", c, loss).setMarker(SeriesMarkers.NONE);
    return chart;
  }

  private static Document parse(String svg) {
    return Jsoup.parse(svg, "", Parser.xmlParser());
  }

  private static List<String> texts(Document svg) {
    return svg.select("text").stream().map(Element::text).toList();
  }

  @Test
  void writesTitlesTickLabelsAndLegendAsText() {
    Document svg = parse(ChartSvg.of(lossAgainstCompute()));
    List<String> texts = texts(svg);
    for (String label : List.of("Loss of the scaling runs against compute", "compute C (FLOP)",
        "validation loss (nats per token)", "observed", "fitted law", "10⁹", "10¹⁰", "10¹¹", "10¹²", "10¹³")) {
      assertTrue(texts.contains(label), label + " is a <text> of the figure: " + texts);
    }
    // the y ticks: the loss runs from 2 + 30e-1.3 = 3.50 to 2 + 30e-0.9 = 5.78, every 0.5 labelled
    assertTrue(texts.containsAll(List.of("4.0", "4.5", "5.0", "5.5")), texts.toString());
    // no glyph outlines: one path per line series, its legend sample, the grid and the tick marks
    assertEquals(4, svg.select("path").size(), svg.select("path").toString());
    assertEquals(5 + 1, svg.select("circle").size(), "a marker per observed run and one in the legend");
  }

  @Test
  void placesEachTickLabelAtItsValue() {
    Document svg = parse(ChartSvg.of(lossAgainstCompute()));
    List<Element> markers = svg.select("g[clip-path] circle");
    assertEquals(5, markers.size());
    for (int i = 0; i < markers.size(); i++) {
      String decade = AxisScale.power(9 + i);
      Element label = svg.select("text").stream().filter(t -> t.text().equals(decade)).findFirst().orElseThrow();
      assertEquals(Double.parseDouble(markers.get(i).attr("cx")), Double.parseDouble(label.attr("x")), 0.1,
          "the run at C = 1e" + (9 + i) + " sits above the tick labelled " + decade);
    }
    // log x: equal steps of pixels per decade; linear y: pixels affine in the loss
    double x0 = Double.parseDouble(markers.get(0).attr("cx"));
    double x4 = Double.parseDouble(markers.get(4).attr("cx"));
    double[] loss = new double[5];
    double[] py = new double[5];
    for (int i = 0; i < 5; i++) {
      loss[i] = 2 + 30 * Math.pow(10, -0.1 * (9 + i));
      py[i] = Double.parseDouble(markers.get(i).attr("cy"));
      assertEquals(x0 + (x4 - x0) * i / 4, Double.parseDouble(markers.get(i).attr("cx")), 0.1);
    }
    for (int i = 1; i < 4; i++) {
      assertEquals(py[0] + (py[4] - py[0]) * (loss[i] - loss[0]) / (loss[4] - loss[0]), py[i], 0.15);
    }
    assertTrue(py[0] < py[4], "a higher loss is drawn higher up");
  }

  @Test
  void keepsTheFixedEndsOfAnAxisAndDropsPointsItCannotDraw() {
    XYChart chart = new XYChartBuilder().width(400).height(400).title("ROC").xAxisTitle("false positive rate")
        .yAxisTitle("true positive rate").build();
    chart.getStyler().setXAxisMin(0.0).setXAxisMax(1.0).setYAxisMin(0.0).setYAxisMax(1.0);
    chart.addSeries("chance", new double[] {0, 1}, new double[] {0, 1}).setMarker(SeriesMarkers.NONE);
    chart.addSeries("gap", new double[] {0, 0.5, 1}, new double[] {0, Double.NaN, 1}).setMarker(SeriesMarkers.NONE);
    String svg = ChartSvg.of(chart);
    List<String> texts = texts(parse(svg));
    assertTrue(texts.containsAll(List.of("0.0", "0.2", "0.4", "0.6", "0.8", "1.0")), texts.toString());
    assertFalse(svg.contains("NaN"));
    assertTrue(svg.contains("d=\"M"), svg);
    // the NaN breaks the second line into two single points, each a move without a line
    Element gap = parse(svg).select("g[clip-path] path").get(1);
    assertEquals(2, gap.attr("d").chars().filter(ch -> ch == 'M').count(), gap.toString());
    assertFalse(gap.attr("d").contains("L"), gap.toString());
  }

  @Test
  void labelsTicksWithTheDecimalsTheirStepNeeds() {
    assertEquals("0.25", AxisScale.label(0.25, 0.05, false));
    assertEquals("3", AxisScale.label(3, 1, false));
    assertEquals("2.5×10⁵", AxisScale.label(250000, 50000, true));
    assertEquals("10⁻⁴", AxisScale.label(1e-4, 1e-4, true));
    assertEquals("0", AxisScale.label(0, 50000, true));
    List<String> labels = new AxisScale(1.6e3, 9e5, true, 0, 100).ticks().stream().map(AxisScale.Tick::label)
        .filter(l -> !l.isEmpty()).toList();
    assertEquals(List.of("2×10³", "5×10³", "10⁴", "2×10⁴", "5×10⁴", "10⁵", "2×10⁵", "5×10⁵"), labels,
        "one style for every label of an axis reaching 10^5");
    List<AxisScale.Tick> ticks = new AxisScale(3.6, 4.4, true, 0, 100).ticks();
    assertTrue(ticks.size() >= 3, "a log axis within one decade still gets labels: " + ticks);
    for (AxisScale.Tick t : ticks) {
      assertTrue(t.value() >= 3.6 && t.value() <= 4.4, t.toString());
    }
  }
}

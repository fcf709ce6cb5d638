package xent.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import xent.cli.Main;
import xent.page.HtmlPage;
import xent.page.ScatterPlot;
import xent.demo.DemoRun;
import xent.demo.DemoStep;
import xent.train.GridResult;

/**
 * The demo report from output files in the jobs' formats: the scaling fits written by the real
 * {@code xent scaling fit}, the map's picture by the map's own plot, the rest small fixtures.
 */
@Tag("fast")
class DemoReportTest {

  private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());

  @TempDir Path out;
  private DemoLayout layout;

  @BeforeEach
  void outputs() throws IOException {
    layout = new DemoLayout(out);
    Files.createDirectories(layout.grid());
    List<GridResult> runs = List.of(
        new GridResult("scaling-d16-l1-t32768", "scaling", Map.of("news", 1.0), 3312, 32768, 6.51165696e8,
            5.444398, Map.of("*", 5.434028), 137752.8, 0.24),
        new GridResult("expert-news", "expert", Map.of("news", 1.0), 43904, 65536, 1.7e10, 5.0123,
            Map.of("*", 5.1876), 90000, 0.7));
    Files.writeString(layout.grid().resolve("grid.json"), new GsonBuilder().setPrettyPrinting()
        .serializeSpecialFloatingPointValues().create().toJson(runs), StandardCharsets.UTF_8);
    Files.createDirectories(layout.scores());
    Files.writeString(layout.scores().resolve("summary.json"), "{\"expert-news\": {\"rows_in\": 256, \"scored\": 256,"
        + " \"rejected\": 0, \"tokens\": 206827, \"nats_per_token\": 5.19469402, \"bits_per_byte\": 3.87436319,"
        + " \"seconds\": 17.7}}");

    Files.createDirectories(layout.map());
    Files.writeString(layout.map().resolve("map.csv"), "model,x,y,pc1,pc2,cluster,family,domain\n"
        + "expert-news,125.248,20.2991,125.248,20.2991,2,gpt2,news\n"
        + "scaling-d16-l1-t32768,-3.5,-14.4159,-3.5,-14.4159,0,gpt2,mixture\n");
    Files.writeString(layout.map().resolve("neighbors.csv"), "model,rank,neighbor,distance\n"
        + "expert-news,1,scaling-d16-l1-t32768,41.2345\nscaling-d16-l1-t32768,1,expert-news,14182.3\n");
    new ScatterPlot("map", "PC 1", "PC 2", List.of(
        new ScatterPlot.Point("expert-news", 125.248, 20.2991, "news", "model: expert-news"),
        new ScatterPlot.Point("scaling-d16-l1-t32768", -3.5, -14.4159, "mixture", "model: scaling")))
        .writeSvg(layout.map().resolve("map.svg"));

    // scaling fits by the real command on a dataset.csv whose scaling runs follow L = (N_c / N)^alpha_N
    // exactly; an expert row far off the law must be left out by --match.
    Files.createDirectories(layout.scaling());
    StringBuilder dataset = new StringBuilder("model,domain,N,N_non_embedding,D,C,loss\n");
    for (long n : new long[] {1000, 3000, 10000, 30000, 100000, 300000}) {
      dataset.append(String.format(Locale.ROOT, "scaling-%d,*,%d,%d,65536,%.6g,%.9g%n", n, n, n, 6.0 * n * 65536,
          Math.pow(1e9 / n, 0.08)));
    }
    dataset.append("expert-news,*,10000,10000,65536,3.9e9,9.5\n");
    Files.writeString(layout.scaling().resolve("dataset.csv"), dataset, StandardCharsets.UTF_8);
    PrintStream stdout = System.out;
    System.setOut(QUIET);
    try {
      for (String law : List.of("kaplan-n", "power-plus-constant")) {
        assertEquals(0, Main.commandLine().execute("scaling", "fit", "--data",
            layout.scaling().resolve("dataset.csv").toString(), "--law", law, "--where", "domain=*",
            "--match", "model=scaling-*", "--bootstrap", "20", "--holdout-largest", "1",
            "--plots", layout.fits().resolve(law).toString()));
      }
    } finally {
      System.setOut(stdout);
    }
  }

  private String report(Set<String> skip, String... steps) throws IOException {
    List<DemoStep> list = new ArrayList<>();
    for (String name : steps) {
      list.add(new DemoStep(name, "the " + name + " step", List.of(), List.of(), () -> List.of(List.of(name))));
    }
    new DemoRun(out, false, skip, line -> 0, DemoReport::write, QUIET).run(list);
    return Files.readString(layout.report(), StandardCharsets.UTF_8);
  }

  private void writeMixture() throws IOException {
    Files.createDirectories(layout.mixture());
    Files.writeString(layout.mixture().resolve("metrics.csv"), "domain,method,spearman,mae\n"
        + "news,mde,0.857142857,0.0123456\nnews,regmix,0.5,0.0456789\n");
    Files.writeString(layout.mixture().resolve("optimum.csv"), "method,news,ham,predicted\n"
        + "mde,0.712345,0.287655,4.98765\n");
    // an SVG with an id of its own, like Batik's, to check that ids stay unique on the page
    Files.writeString(layout.mixture().resolve("mixture.svg"), "<?xml version=\"1.0\"?>\n"
        + "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"400\" height=\"300\"><defs><clipPath id=\"clipPath1\">"
        + "<rect width=\"400\" height=\"300\"/></clipPath></defs><g style=\"clip-path:url(#clipPath1)\">"
        + "<circle cx=\"10\" cy=\"10\" r=\"3\"/></g></svg>\n");
  }

  @Test
  void holdsEverySectionsTableValues() throws IOException {
    writeMixture();
    String html = report(Set.of(), "train-grid", "score", "map", "mixture", "scaling-fit");

    // grid: names, sizes, losses (4 significant digits), the score job's loss
    assertTrue(html.contains("<td>scaling-d16-l1-t32768</td><td>scaling</td><td class=\"n\">3312</td>"
        + "<td class=\"n\">32768</td><td class=\"n\">6.512e+08</td><td class=\"n\">5.444</td><td class=\"n\">5.434</td>"), html);
    assertTrue(html.contains("<td class=\"n\">5.195</td><td class=\"n\">3.874</td>"), "scored loss of expert-news");
    // map: neighbours with distances, clusters, the picture
    assertTrue(html.contains("<td>scaling-d16-l1-t32768 (41.23)</td>"));
    assertTrue(html.contains("<td>expert-news (14182)</td>"), "whole numbers below 10^7 in full");
    assertTrue(html.contains("<tr><td class=\"n\">2</td><td class=\"n\">1</td><td>expert-news</td></tr>"), "cluster table");
    assertTrue(html.contains("<title>model: expert-news</title>"), "map figure inline, hover kept");
    // mixture: metrics and optimum
    assertTrue(html.contains("<th>domain</th><th>mde</th><th>regmix</th>"), "one column per method");
    assertTrue(html.contains("<tr><td>news</td><td>0.8571 / 0.01235</td><td>0.5 / 0.04568</td></tr>"), html);
    assertTrue(html.contains("<td>mde</td><td class=\"n\">0.7123</td><td class=\"n\">0.2877</td><td class=\"n\">4.988</td>"));
    // scaling: the fitted exponent (exact data: 0.08), its interval, the points left by --match
    JsonObject kaplan = JsonParser.parseString(Files.readString(layout.fits().resolve("kaplan-n/fit.json")))
        .getAsJsonObject();
    assertEquals(6, kaplan.get("points").getAsInt(), "the expert row is not a scaling run");
    assertEquals(0.08, kaplan.get("alpha_N").getAsDouble(), 1e-4);
    JsonObject interval = kaplan.getAsJsonObject("bootstrap").getAsJsonObject("parameters").getAsJsonObject("alpha_N");
    assertTrue(html.contains("<td>alpha_N</td><td class=\"n\">" + HtmlPage.number(kaplan.get("alpha_N").getAsDouble())
        + "</td><td class=\"n\">" + HtmlPage.number(interval.getAsJsonArray("interval").get(0).getAsDouble()) + "</td>"));
    String verdict = kaplan.getAsJsonObject("verdict").get("identified").getAsBoolean() ? "identified" : "not identified";
    assertTrue(html.contains("<td>kaplan-n</td><td>" + verdict + "</td><td class=\"n\">6</td>"), "verdict, points fitted");
    java.util.regex.Matcher summary = java.util.regex.Pattern.compile("Identified on these runs: ([^.<]*)\\.").matcher(html);
    if (verdict.equals("identified")) {
      assertTrue(summary.find() && List.of(summary.group(1).split(", ")).contains("kaplan-n"), "the section's summary");
    } else {
      assertTrue(html.contains("No fit and no approach to the compute-optimal frontier is identified")
          || summary.find() && !List.of(summary.group(1).split(", ")).contains("kaplan-n"), "the section's summary");
    }
    assertTrue(html.contains("<h3>power-plus-constant</h3>"));
    // the steps table
    assertTrue(html.contains("<td>mixture</td><td>ran</td>"));
  }

  @Test
  void showsTheMembershipAndMachineTextTablesWithTheirIntervals() throws IOException {
    Path expert = layout.membership().resolve("expert-news");
    Files.createDirectories(expert);
    Files.writeString(expert.resolve("membership.csv"), "model,metric,members,nonmembers,auroc,auroc_low,auroc_high,"
        + "tpr_at_1pct_fpr\nexpert-news,loss,200,180,0.61234,0.55,0.66789,0.025\n");
    Files.writeString(expert.resolve("membership.json"), "{\"domain\": \"news\"}");
    Files.createDirectories(layout.machineText());
    Files.writeString(layout.machineText().resolve("machine.csv"), "model,metric,machine,human,auroc,auroc_low,"
        + "auroc_high,tpr_at_1pct_fpr\nscaling-x,fastdetect,150,150,0.9,0.86,0.93,0.4\n");
    String html = report(Set.of(), "membership", "machine-text");
    assertTrue(html.contains("<td>expert-news</td><td>news</td><td>loss</td><td class=\"n\">200</td><td class=\"n\">180</td>"
        + "<td class=\"n\">0.612</td><td>[0.550, 0.668]</td><td class=\"n\">0.025</td>"), html);
    assertTrue(html.contains("<td>scaling-x</td><td>*</td><td>fastdetect</td><td class=\"n\">150</td><td class=\"n\">150</td>"
        + "<td class=\"n\">0.900</td><td>[0.860, 0.930]</td>"), html);
  }

  @Test
  void isSelfContainedWithUniqueIds() throws IOException {
    writeMixture();
    String html = report(Set.of(), "train-grid", "score", "map", "mixture", "scaling-fit");
    assertFalse(Pattern.compile("(src|href)\\s*=\\s*[\"']?(https?:)?//", Pattern.CASE_INSENSITIVE).matcher(html).find(),
        "no resource from elsewhere");
    assertFalse(html.contains("<script"), "no script");
    assertFalse(html.contains("<link"), "no linked style sheet");
    assertFalse(html.contains("<!DOCTYPE svg"), "SVG prologs are dropped");
    assertEquals(6, html.split("<svg", -1).length - 1, "map, mixture and two figures per fit (law, fitted vs observed)");
    Set<String> ids = new HashSet<>();
    Matcher id = Pattern.compile("id=\"([^\"]+)\"").matcher(html);
    int count = 0;
    while (id.find()) {
      count++;
      assertTrue(ids.add(id.group(1)), "id " + id.group(1) + " appears twice");
    }
    assertTrue(count >= 3, "the chart figures carry clip-path ids: " + count);
    Matcher ref = Pattern.compile("url\\(#([^)]+)\\)").matcher(html);
    while (ref.find()) {
      assertTrue(ids.contains(ref.group(1)), "url(#" + ref.group(1) + ") points at an id of the page");
    }
  }

  @Test
  void saysWhichStepsWereSkipped() throws IOException {
    String html = report(Set.of("mixture"), "train-grid", "score", "map", "mixture", "scaling-fit");
    assertTrue(html.contains("The mixture step was skipped (--skip mixture)"), html);
    assertTrue(html.contains("<td>mixture</td><td>skipped</td>"));
    assertFalse(html.contains("spearman"));
  }
}

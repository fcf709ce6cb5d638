package xent.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.File;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.logging.Level;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import xent.cli.Main;
import xent.page.ChartSvg;
import xent.page.HtmlPage;
import xent.page.ScatterPlot;

/**
 * The demo report opened in a real browser, Debian's headless Chromium driven by its chromedriver:
 * no console errors, every figure drawn at a size, its axis titles and tick labels rendered as
 * text, the fit's parameters on the page, no table wider than the page. The report is written by
 * {@link DemoReport} from small outputs in the jobs' formats: a map picture by the map's plot,
 * scaling fits (and their figures) by the real {@code xent scaling fit}, a ROC figure by
 * {@link ChartSvg}, a mixture optimum over many domains.
 */
@Tag("browser")
class ReportInBrowserTest {

  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  private static final String MAP_X = "PC 1 (71.2% of the variance)";

  @TempDir Path out;

  @Test
  void opensWithoutConsoleErrorsAndRendersEveryFigureWithItsText() throws Exception {
    assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER), "no Chromium: needs "
        + CHROMIUM + " and " + CHROMEDRIVER + " (Debian packages chromium and chromium-driver)");
    DemoLayout layout = writeOutputs();
    Path report = DemoReport.write(out);
    assertTrue(Files.size(report) < 1_000_000, "report under 1 MB: " + Files.size(report));
    JsonObject kaplan = JsonParser.parseString(Files.readString(layout.fits().resolve("kaplan-n/fit.json")))
        .getAsJsonObject();
    String alpha = HtmlPage.number(kaplan.get("alpha_N").getAsDouble());
    Path broken = out.resolve("broken.html");
    Files.writeString(broken, "<!DOCTYPE html><html><body><script>console.error('deliberate')</script></body></html>");

    ChromeDriver driver = driver();
    try {
      // the console check can fail: a page that logs an error is caught
      driver.get(broken.toUri().toString());
      assertTrue(severe(driver).stream().anyMatch(e -> e.getMessage().contains("deliberate")), "console errors seen");

      driver.get(report.toUri().toString());
      assertEquals(List.of(), severe(driver).stream().map(LogEntry::getMessage).toList(), "console errors of the report");
      List<WebElement> figures = driver.findElements(By.cssSelector("figure svg"));
      assertEquals(Files.readString(report).split("<svg", -1).length - 1, figures.size(), "every figure is in a <figure>");
      assertTrue(figures.size() >= 4, "the map, the figures of both fits, the ROC: " + figures.size());
      for (WebElement figure : figures) {
        Dimension size = figure.getSize();
        assertTrue(size.getWidth() > 100 && size.getHeight() > 100, "a figure drawn at " + size);
      }
      List<List<String>> drawn = drawnTexts(driver);
      assertTrue(drawn.get(0).contains(MAP_X), "the map's axis title, drawn: " + drawn.get(0));
      for (List<String> texts : drawn.subList(1, drawn.size())) {
        assertTrue(texts.size() >= 8, "title, axis titles, tick labels and legend drawn as text: " + texts);
      }
      assertTrue(drawn.stream().anyMatch(t -> t.containsAll(List.of("parameters N", "loss", "10⁴", "10⁵"))),
          "the Kaplan fit's figure with its axis titles and decades: " + drawn);
      assertTrue(drawn.stream().anyMatch(t -> t.containsAll(List.of("false positive rate", "true positive rate",
          "0.0", "0.4", "1.0"))), "the ROC figure's axes: " + drawn);

      String text = driver.findElement(By.tagName("body")).getText();
      assertTrue(text.contains("alpha_N " + alpha), "the fitted exponent alpha_N = " + alpha + " on the page");
      assertTrue(text.contains("power-plus-constant"), "every fitted law on the page");
      long pageWidth = (Long) ((JavascriptExecutor) driver).executeScript("return document.documentElement.scrollWidth");
      long windowWidth = (Long) ((JavascriptExecutor) driver).executeScript("return document.documentElement.clientWidth");
      assertTrue(pageWidth <= windowWidth, "no table runs over the page: " + pageWidth + " > " + windowWidth);
    } finally {
      driver.quit();
    }
  }

  /** Headless Chromium, its console logged; chromedriver on a free port of 127.0.0.1 only. */
  private static ChromeDriver driver() {
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--window-size=1200,900", "--no-first-run", "--disable-background-networking");
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(new File(CHROMEDRIVER.toString())).usingAnyFreePort().withSilent(true).build();
    return new ChromeDriver(service, options);
  }

  private static List<LogEntry> severe(ChromeDriver driver) {
    return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
        .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue()).toList();
  }

  /** Per figure, the texts the browser drew with a width (glyphs found, not hidden). */
  @SuppressWarnings("unchecked")
  private static List<List<String>> drawnTexts(ChromeDriver driver) {
    return (List<List<String>>) driver.executeScript("return Array.from(document.querySelectorAll('figure svg'))"
        + ".map(s => Array.from(s.querySelectorAll('text')).filter(t => t.getBBox().width > 0)"
        + ".map(t => t.textContent))");
  }

  private DemoLayout writeOutputs() throws Exception {
    DemoLayout layout = new DemoLayout(out);
    Files.createDirectories(layout.map());
    Files.writeString(layout.map().resolve("map.csv"), "model,x,y,cluster,domain\nexpert-ham,-41.5,3.25,0,ham\n"
        + "expert-news,38.75,-2.5,1,news\nscaling-a,1.5,-0.75,1,mixture\n");
    new ScatterPlot("Model map (3 models), coloured by domain", MAP_X, "PC 2 (20.4% of the variance)", List.of(
        new ScatterPlot.Point("expert-ham", -41.5, 3.25, "ham", "expert-ham"),
        new ScatterPlot.Point("expert-news", 38.75, -2.5, "news", "expert-news"),
        new ScatterPlot.Point("scaling-a", 1.5, -0.75, "scaling grid", "scaling-a")))
        .writeSvg(layout.map().resolve("map.svg"));

    // runs on L(N) = 1.8 + (2e4 / N)^0.3 over three decades, each off the law by a fixed wobble
    Files.createDirectories(layout.scaling());
    List<String> lines = new ArrayList<>(List.of("model,domain,N,N_non_embedding,D,C,loss"));
    long[] sizes = {2000, 5000, 12000, 40000, 90000, 250000, 800000};
    for (int i = 0; i < sizes.length; i++) {
      double loss = (1.8 + Math.pow(2e4 / sizes[i], 0.3)) * (1 + 0.002 * ((i % 3) - 1));
      lines.add(String.format(Locale.ROOT, "scaling-%d,*,%d,%d,131072,%.6g,%.9g", i, sizes[i], sizes[i],
          6.0 * sizes[i] * 131072, loss));
    }
    Files.write(layout.scaling().resolve("dataset.csv"), lines, StandardCharsets.UTF_8);
    PrintStream stdout = System.out;
    System.setOut(new PrintStream(OutputStream.nullOutputStream()));
    try {
      for (String law : List.of("kaplan-n", "power-plus-constant")) {
        int code = Main.commandLine().execute("scaling", "fit", "--data", layout.scaling().resolve("dataset.csv")
            .toString(), "--law", law, "--bootstrap", "20", "--plots", layout.fits().resolve(law).toString());
        assertEquals(0, code, "xent scaling fit --law " + law);
      }
    } finally {
      System.setOut(stdout);
    }

    Files.createDirectories(layout.mixture());
    Files.writeString(layout.mixture().resolve("metrics.csv"), "domain,method,spearman,mae\n*,mde,0.9,0.01\n");
    StringBuilder header = new StringBuilder("method");
    StringBuilder row = new StringBuilder("mde");
    for (int d = 0; d < 24; d++) { // wider than the page: the table must scroll in its box
      header.append(",corpus-brown-genre-").append(d);
      row.append(',').append(String.format(Locale.ROOT, "%.6f", 1.0 / 24));
    }
    Files.writeString(layout.mixture().resolve("optimum.csv"), header + ",predicted\n" + row + ",4.56789\n");

    Path expert = layout.membership().resolve("expert-news");
    Files.createDirectories(expert);
    Files.writeString(expert.resolve("membership.csv"), "model,metric,members,nonmembers,auroc,auroc_low,auroc_high,"
        + "tpr_at_1pct_fpr\nexpert-news,loss,100,100,0.75,0.68,0.81,0.05\n");
    Files.writeString(expert.resolve("membership.json"), "{\"domain\": \"news\"}");
    XYChart roc = new XYChartBuilder().width(560).height(460).title("ROC of expert-news")
        .xAxisTitle("false positive rate").yAxisTitle("true positive rate").build();
    roc.getStyler().setXAxisMin(0.0).setXAxisMax(1.0).setYAxisMin(0.0).setYAxisMax(1.0);
    roc.addSeries("chance", new double[] {0, 1}, new double[] {0, 1}).setMarker(SeriesMarkers.NONE);
    roc.addSeries("loss (AUROC 0.750)", new double[] {0, 0.1, 0.3, 1}, new double[] {0, 0.4, 0.75, 1})
        .setMarker(SeriesMarkers.NONE);
    Files.writeString(expert.resolve("roc-expert-news.svg"), ChartSvg.of(roc));
    return layout;
  }
}

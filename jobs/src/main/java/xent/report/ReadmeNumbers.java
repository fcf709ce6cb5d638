package xent.report;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import xent.page.HtmlPage;
import xent.table.CsvTable;

/**
 * Regenerates the demo's numbers in README.md from a demo's outputs, so that what README quotes is
 * what a clean run writes: every block between {@code <!-- demo:NAME -->} and
 * {@code <!-- /demo:NAME -->} is replaced by the table NAME drawn from the demo folder. Run by
 * {@code bin/readme-numbers DEMO_DIR}; a README whose blocks are unchanged matches that run.
 */
public final class ReadmeNumbers {

  private static final Pattern BLOCK = Pattern.compile("(<!-- demo:([a-z-]+) -->\n)(.*?)(<!-- /demo:\\2 -->)",
      Pattern.DOTALL);

  private final DemoLayout layout;

  public ReadmeNumbers(DemoLayout layout) {
    this.layout = layout;
  }

  /** Usage: ReadmeNumbers DEMO_DIR README.md; prints the blocks it rewrote and whether any changed. */
  public static void main(String[] args) throws IOException {
    if (args.length != 2) {
      System.err.println("usage: readme-numbers DEMO_DIR README.md");
      System.exit(2);
    }
    Path readme = Path.of(args[1]);
    String before = Files.readString(readme, StandardCharsets.UTF_8);
    String after = new ReadmeNumbers(new DemoLayout(Path.of(args[0]))).rewrite(before);
    if (after.equals(before)) {
      System.out.println("readme-numbers: " + readme + " already holds the numbers of " + args[0]);
    } else {
      Files.writeString(readme, after, StandardCharsets.UTF_8);
      System.out.println("readme-numbers: rewrote the demo blocks of " + readme + " from " + args[0]);
    }
  }

  /** The README text with every demo block regenerated; an unknown block name is an error. */
  public String rewrite(String readme) throws IOException {
    Matcher m = BLOCK.matcher(readme);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(out, Matcher.quoteReplacement(m.group(1) + block(m.group(2)) + m.group(4)));
    }
    m.appendTail(out);
    return out.toString();
  }

  String block(String name) throws IOException {
    return switch (name) {
      case "mixture-metrics" -> mixtureMetrics();
      case "mixture-optimum" -> mixtureOptimum();
      case "scaling-fits" -> scalingFits();
      case "chinchilla-frontier" -> chinchillaFrontier();
      default -> throw new IOException("README block demo:" + name + " is not one of mixture-metrics, "
          + "mixture-optimum, scaling-fits, chinchilla-frontier");
    };
  }

  /** The leave-one-out table of xent mixture as it wrote it (metrics.md's table lines). */
  private String mixtureMetrics() throws IOException {
    StringBuilder table = new StringBuilder();
    for (String line : Files.readAllLines(layout.mixture().resolve("metrics.md"), StandardCharsets.UTF_8)) {
      if (line.startsWith("|")) {
        table.append(line).append('\n');
      }
    }
    return table.toString();
  }

  private String mixtureOptimum() throws IOException {
    CsvTable optimum = CsvTable.read(layout.mixture().resolve("optimum.csv"));
    List<String> weights = optimum.header().stream().filter(c -> c.startsWith("w_")).toList();
    List<List<String>> rows = new ArrayList<>();
    for (List<String> row : optimum.rows()) {
      String low = row.get(optimum.header().indexOf("predicted_low"));
      String high = row.get(optimum.header().indexOf("predicted_high"));
      List<String> mixture = new ArrayList<>();
      for (String w : weights) {
        mixture.add(w.substring(2) + " " + String.format(Locale.ROOT, "%.3f",
            Double.parseDouble(row.get(optimum.header().indexOf(w)))));
      }
      rows.add(List.of(cell(optimum, row, "method"), cell(optimum, row, "search"),
          HtmlPage.number(cell(optimum, row, "predicted_objective"))
              + (low.isEmpty() ? "" : " [" + HtmlPage.number(low) + ", " + HtmlPage.number(high) + "]"),
          HtmlPage.number(cell(optimum, row, "mde_objective")), String.join(", ", mixture)));
    }
    return markdown(List.of("method", "search", "predicted objective [95% interval]", "MDE objective", "mixture"),
        rows);
  }

  private static String cell(CsvTable table, List<String> row, String column) {
    return row.get(table.header().indexOf(column));
  }

  private String scalingFits() throws IOException {
    List<List<String>> rows = new ArrayList<>();
    for (String law : DemoLayout.LAWS) {
      JsonObject fit = fit(law);
      if (fit == null) {
        continue;
      }
      List<String> parameters = new ArrayList<>();
      JsonObject intervals = fit.has("bootstrap")
          ? fit.getAsJsonObject("bootstrap").getAsJsonObject("parameters") : new JsonObject();
      for (Map.Entry<String, JsonElement> p : intervals.entrySet()) {
        var interval = p.getValue().getAsJsonObject().getAsJsonArray("interval");
        parameters.add(p.getKey() + " = " + DemoReport.number(fit.get(p.getKey())) + " [" + DemoReport.number(interval.get(0)) + ", "
            + DemoReport.number(interval.get(1)) + "]");
      }
      JsonObject holdout = fit.has("holdout") ? fit.getAsJsonObject("holdout") : null;
      rows.add(List.of(law, fit.get("points").getAsString(), String.join(", ", parameters),
          verdictText(fit.getAsJsonObject("verdict")),
          holdout == null ? "" : holdout.get("points_held_out").getAsString()
              + (holdout.get("points_held_out").getAsInt() == 1 ? " point" : " points") + ", mean "
              + DemoReport.percent(holdout.get("mean_abs_relative_error")) + ", max " + DemoReport.percent(holdout.get("max_abs_relative_error"))));
    }
    return markdown(List.of("law", "points", "fit [95% bootstrap interval]", "verdict",
        "held out: largest, relative error"), rows);
  }

  private String chinchillaFrontier() throws IOException {
    JsonObject fit = fit("chinchilla");
    if (fit == null || !fit.has("compute_optimal")) {
      throw new IOException(layout.fits().resolve("chinchilla/fit.json") + ": no compute-optimal frontier");
    }
    var budgets = fit.getAsJsonObject("compute_optimal").getAsJsonArray("budgets");
    List<List<String>> rows = new ArrayList<>();
    for (int i = 0; i < budgets.size(); i++) {
      List<String> row = new ArrayList<>(List.of(DemoReport.number(budgets.get(i).getAsJsonObject().get("C")),
          DemoReport.number(budgets.get(i).getAsJsonObject().get("N_opt"))));
      for (String approach : DemoReport.APPROACHES) {
        JsonObject b = fit.getAsJsonObject(approach).getAsJsonArray("budgets").get(i).getAsJsonObject();
        row.add(b.has("note") ? b.get("note").getAsString() : DemoReport.number(b.get("N_opt")));
      }
      rows.add(row);
    }
    List<String> verdicts = new ArrayList<>(List.of("verdict",
        verdictText(fit.getAsJsonObject("compute_optimal").getAsJsonObject("verdict"))));
    for (String approach : DemoReport.APPROACHES) {
      verdicts.add(verdictText(fit.getAsJsonObject(approach).getAsJsonObject("verdict")));
    }
    rows.add(verdicts);
    return markdown(List.of("compute C (FLOP)", "approach 3: N*(C) of the fit", "approach 1: lowest loss",
        "approach 2: IsoFLOP parabola"), rows);
  }

  private static String verdictText(JsonObject verdict) {
    return verdict.get("identified").getAsBoolean() ? "identified" : "not identified: " + DemoReport.reasons(verdict);
  }

  private JsonObject fit(String law) throws IOException {
    return DemoReport.readJson(layout.fits().resolve(law).resolve("fit.json"));
  }

  private static String markdown(List<String> header, List<List<String>> rows) {
    StringBuilder out = new StringBuilder();
    out.append("| ").append(String.join(" | ", header)).append(" |\n");
    out.append("|").append("---|".repeat(header.size())).append('\n');
    for (List<String> row : rows) {
      out.append("| ").append(String.join(" | ", row.stream().map(c -> c.replace("|", "\\|")).toList()))
          .append(" |\n");
    }
    return out.toString();
  }
}

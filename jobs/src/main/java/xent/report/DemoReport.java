package xent.report;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import xent.page.HtmlPage;
import xent.scaling.Verdict;
import xent.table.CsvTable;
import xent.train.GridResult;

/**
 * The demo's report, DIR/report.html, built from the steps' output files alone (so it can be
 * rebuilt without rerunning anything): the steps and their times, the training grid, the model
 * map, the mixture estimates and the scaling fits. A section whose step did not run says so.
 */
public final class DemoReport {

  /** The keys of Chinchilla's approaches 1 and 2 in a fit.json, beside the fit's own approach 3. */
  static final List<String> APPROACHES = List.of("approach_1", "approach_2");


  private final DemoLayout layout;
  private final Map<String, JsonObject> steps = new LinkedHashMap<>();
  private final HtmlPage page = new HtmlPage("xent demo report");

  private DemoReport(DemoLayout layout) throws IOException {
    this.layout = layout;
    JsonObject run = readJson(layout.runRecord());
    if (run != null && run.has("steps")) {
      for (JsonElement step : run.getAsJsonArray("steps")) {
        steps.put(step.getAsJsonObject().get("step").getAsString(), step.getAsJsonObject());
      }
    }
  }

  /** Writes DIR/report.html from the outputs under {@code out}; returns its path. */
  public static Path write(Path out) throws IOException {
    DemoReport report = new DemoReport(new DemoLayout(out));
    report.intro();
    report.grid();
    report.map();
    report.mixture();
    report.scaling();
    report.membership();
    report.machineText();
    return report.page.write(report.layout.report());
  }

  private void intro() {
    page.paragraph("xent scored a small family of GPT-2 models, trained here on the sample corpora, on the"
        + " validation split, and turned their log-likelihoods into a model map, data-mixture loss"
        + " estimates and scaling-law fits. Every table and figure below is read from the output files"
        + " under " + layout.out() + "; rerunning bin/xent demo reuses the finished steps.");
    List<List<String>> rows = new ArrayList<>();
    steps.values().forEach(s -> rows.add(List.of(s.get("step").getAsString(), s.get("status").getAsString(),
        s.get("status").getAsString().equals("ran") ? HtmlPage.number(s.get("seconds").getAsDouble()) : "",
        s.get("description").getAsString(), s.get("note").getAsString())));
    if (!rows.isEmpty()) {
      page.heading(2, "Steps").table("What each step of the last run did and its wall time in seconds: ran (this"
              + " run), reused (finished in an earlier run with the same command lines) or skipped (--skip).",
          List.of("step", "status", "seconds", "what", "note"), rows);
    }
  }

  private void grid() throws IOException {
    Path file = layout.grid().resolve("grid.json");
    if (!section("Training grid", "train-grid", file)) {
      return;
    }
    JsonObject summary = readJson(layout.scores().resolve("summary.json"));
    List<List<String>> rows = new ArrayList<>();
    for (GridResult r : GridResult.readAll(file)) {
      Double valid = r.validLoss().get("*");
      JsonObject scored = summary == null || !summary.has(r.name()) ? null : summary.getAsJsonObject(r.name());
      rows.add(List.of(r.name(), r.group(), String.valueOf(r.parameters()), String.valueOf(r.tokens()),
          HtmlPage.number(r.flops()), HtmlPage.number(r.trainLoss()), valid == null ? "" : HtmlPage.number(valid),
          scored == null ? "" : HtmlPage.number(scored.get("nats_per_token").getAsDouble()),
          scored == null ? "" : HtmlPage.number(scored.get("bits_per_byte").getAsDouble())));
    }
    page.table("Every trained model: N non-embedding parameters, D training tokens, C = 6ND FLOP, the mean"
            + " training loss of its last steps, its validation loss at the end of training, and the loss the"
            + " score job measured on the validation split (nats per token and bits per byte; lower is better;"
            + " ln 512 = 6.24 nats is a uniform guess over the vocabulary).",
        List.of("model", "group", "N", "D", "C", "train loss", "valid loss", "scored nats/token", "scored bits/byte"),
        rows);
  }

  private void map() throws IOException {
    Path mapCsv = layout.map().resolve("map.csv");
    if (!section("Model map", "map", mapCsv)) {
      return;
    }
    figure(layout.map().resolve("map.svg"), "The model map: each point is a model, placed by the first two principal"
        + " coordinates of its log-likelihood vector over the validation texts, each axis titled with its share of"
        + " the variance, both axes on the same scale. Models close together assign similar probabilities to the"
        + " same texts (squared distance / texts estimates 2 KL). Colour: an expert's domain, the runs of the"
        + " scaling grid (all on the natural mix of domains), or the random mixtures.");
    CsvTable map = CsvTable.read(mapCsv);
    Map<String, List<String>> nearest = new LinkedHashMap<>();
    Path neighborsCsv = layout.map().resolve("neighbors.csv");
    if (Files.isRegularFile(neighborsCsv)) {
      CsvTable neighbors = CsvTable.read(neighborsCsv);
      List<String> models = neighbors.text("model");
      List<String> ranks = neighbors.text("rank");
      List<String> names = neighbors.text("neighbor");
      List<String> distances = neighbors.text("distance");
      for (int i = 0; i < models.size(); i++) {
        if (Integer.parseInt(ranks.get(i)) <= 3) {
          nearest.computeIfAbsent(models.get(i), m -> new ArrayList<>())
              .add(names.get(i) + " (" + HtmlPage.number(distances.get(i)) + ")");
        }
      }
    }
    List<String> models = map.text("model");
    List<String> domains = map.has("domain") ? map.text("domain") : null;
    List<String> clusters = map.text("cluster");
    List<String> xs = map.text("x");
    List<String> ys = map.text("y");
    List<List<String>> rows = new ArrayList<>();
    Map<String, List<String>> byCluster = new TreeMap<>();
    for (int i = 0; i < models.size(); i++) {
      String model = models.get(i);
      rows.add(List.of(model, domains == null ? "" : domains.get(i), clusters.get(i), HtmlPage.number(xs.get(i)),
          HtmlPage.number(ys.get(i)), String.join(", ", nearest.getOrDefault(model, List.of()))));
      byCluster.computeIfAbsent(clusters.get(i), c -> new ArrayList<>()).add(model);
    }
    page.table("The map's coordinates, the k-means cluster of each model, and its three nearest models with"
            + " their distance (an estimate of 2 KL between the two models' distributions of texts, in nats;"
            + " smaller is closer).",
        List.of("model", "domain", "cluster", "x", "y", "nearest models (distance)"), rows);
    List<List<String>> clusterRows = new ArrayList<>();
    byCluster.forEach((c, members) -> clusterRows.add(List.of(c, String.valueOf(members.size()),
        String.join(", ", members))));
    page.table("Clusters of models found by k-means on the principal coordinates: models in one cluster"
        + " predict the validation texts alike.", List.of("cluster", "models", "members"), clusterRows);
  }

  private void mixture() throws IOException {
    Path metrics = layout.mixture().resolve("metrics.csv");
    if (!section("Data-mixture estimates", "mixture", metrics)) {
      return;
    }
    figure(layout.mixture().resolve("mixture.svg"), "Predicted against observed validation loss of each trained"
        + " mixture model, one colour per method, each predicted without that model (leave one mixture out):"
        + " points on the diagonal are exact predictions.");
    page.table("How well each method predicts a mixture's loss on each validation domain (* : the mean over"
        + " domains) from the experts, as spearman / mae: spearman is the rank correlation of predicted and"
        + " observed losses over the trained mixtures (1 = same order, higher is better), mae the mean absolute"
        + " error in nats per token (lower is better).", metricsHeader(metrics), metricsRows(metrics));
    Path optimum = layout.mixture().resolve("optimum.csv");
    if (Files.isRegularFile(optimum)) {
      csvTable("The domain weights each method predicts to give the lowest loss on the target, and the loss it"
          + " predicts for them: a recommendation to test by training on that mixture.", optimum);
    }
  }

  /** metrics.csv (domain, method, spearman, mae) as one row per domain, one column per method. */
  private static List<String> metricsHeader(Path metrics) throws IOException {
    List<String> header = new ArrayList<>(List.of("domain"));
    CsvTable.read(metrics).text("method").stream().distinct().forEach(header::add);
    return header;
  }

  private static List<List<String>> metricsRows(Path metrics) throws IOException {
    CsvTable table = CsvTable.read(metrics);
    List<String> methods = table.text("method").stream().distinct().toList();
    Map<String, String[]> byDomain = new LinkedHashMap<>();
    for (List<String> row : table.rows()) {
      String domain = row.get(table.header().indexOf("domain"));
      String method = row.get(table.header().indexOf("method"));
      byDomain.computeIfAbsent(domain, d -> new String[methods.size()])[methods.indexOf(method)] =
          HtmlPage.number(row.get(table.header().indexOf("spearman"))) + " / "
              + HtmlPage.number(row.get(table.header().indexOf("mae")));
    }
    List<List<String>> rows = new ArrayList<>();
    byDomain.forEach((domain, cells) -> {
      List<String> row = new ArrayList<>(List.of(domain));
      for (String cell : cells) {
        row.add(cell == null ? "" : cell);
      }
      rows.add(row);
    });
    return rows;
  }

  private void scaling() throws IOException {
    page.heading(2, "Scaling laws");
    List<List<String>> summary = new ArrayList<>();
    boolean any = false;
    List<String> identifiedFits = new ArrayList<>();
    for (String law : DemoLayout.LAWS) {
      JsonObject fit = readJson(layout.fits().resolve(law).resolve("fit.json"));
      if (fit == null) {
        continue;
      }
      any = true;
      if (identified(fit)) {
        identifiedFits.add(law);
      }
      for (String approach : APPROACHES) {
        if (fit.has(approach) && identified(fit.getAsJsonObject(approach))) {
          identifiedFits.add(law + " " + approach.replace('_', ' '));
        }
      }
      JsonObject holdout = fit.has("holdout") ? fit.getAsJsonObject("holdout") : null;
      summary.add(List.of(law, verdictWord(fit), fit.get("points").getAsString(), number(fit.get("objective_value")),
          holdout == null ? "" : holdout.get("points_held_out").getAsString(),
          holdout == null ? "" : percent(holdout.get("mean_abs_relative_error")),
          holdout == null ? "" : percent(holdout.get("max_abs_relative_error"))));
    }
    if (!any) {
      page.paragraph(missing("scaling-fit", layout.fits()));
      return;
    }
    page.paragraph("The scaling runs form an IsoFLOP grid: at each compute budget C, models of several sizes N"
        + " trained on D = C / 6N tokens. Every law is fitted by Huber loss on log loss with L-BFGS from a grid of"
        + " starts, its parameters resampled by whole runs for their intervals. A fit is identified when the runs"
        + " pin its exponents down: enough runs, more than one value of each variable, and every exponent's"
        + " interval narrower than " + HtmlPage.number(Verdict.EXPONENT_BOUND) + " times its value. A fit that"
        + " is not identified is drawn in grey with the reason: its numbers describe these runs, not a law.");
    page.paragraph(identifiedFits.isEmpty()
        ? "No fit and no approach to the compute-optimal frontier is identified on these runs. The demo's grid is"
            + " what two cores train in minutes: its compute budgets span a factor of 8 and its models are a few"
            + " thousand parameters, too narrow for exponents. An identified law needs budgets spanning decades,"
            + " each with its optimum inside its sizes: train-grid --preset full (hours), or your own runs through"
            + " xent scaling dataset."
        : "Identified on these runs: " + String.join(", ", identifiedFits) + ".");
    page.table("Each fitted law: its verdict, points fitted, the fit's objective, and the relative error of its"
            + " predictions for the largest runs when refitted without them (extrapolation; lower is better).",
        List.of("law", "verdict", "points", "objective", "held out", "mean error", "max error"), summary);
    for (String law : DemoLayout.LAWS) {
      Path dir = layout.fits().resolve(law);
      JsonObject fit = readJson(dir.resolve("fit.json"));
      if (fit == null) {
        continue;
      }
      boolean identified = identified(fit);
      page.section(!identified);
      page.heading(3, law + (identified ? "" : " (not identified)"));
      verdict(fit.getAsJsonObject("verdict"), "The fit");
      parameters(law, fit);
      if (fit.has("compute_optimal") && fit.getAsJsonObject("compute_optimal").has("verdict")) {
        frontiers(fit);
      }
      figure(dir.resolve("loss-vs-compute.svg"), "Observed losses and the fitted law's predictions against "
          + ("lr-annealing".equals(law) ? "the sum of learning rates S1 along the training curve"
              : "kaplan-n".equals(law) ? "model size" : "kaplan-d".equals(law) ? "training tokens" : "training compute")
          + ("chinchilla".equals(law) ? ", with the loss of the compute-optimal allocation N*(C), D*(C)" : "")
          + ": the closer the fitted points to the observed ones, the better the law describes the runs.");
      figure(dir.resolve("iso-loss.svg"), "Curves of equal predicted loss in the (compute, parameters) plane,"
          + " with the compute-optimal size N*(C): for a compute budget, the best model size is where the"
          + " lowest curve is touched.");
      figure(dir.resolve("fitted-vs-observed.svg"), "The loss the fitted " + law + " law predicts for each point"
          + " against the loss observed, with the line of perfect fit: points off the line are what the law misses.");
      page.endSection();
    }
  }

  private static boolean identified(JsonObject fit) {
    return fit.has("verdict") && fit.getAsJsonObject("verdict").get("identified").getAsBoolean();
  }

  private static String verdictWord(JsonObject fit) {
    return !fit.has("verdict") ? "" : identified(fit) ? "identified" : "not identified";
  }

  private void verdict(JsonObject verdict, String what) {
    if (verdict == null) {
      return;
    }
    page.paragraph(verdict.get("identified").getAsBoolean() ? what + " is identified."
        : what + " is not identified: " + reasons(verdict) + ".");
  }

  /** A verdict's reasons, joined into one sentence. */
  static String reasons(JsonObject verdict) {
    List<String> reasons = new ArrayList<>();
    verdict.getAsJsonArray("reasons").forEach(r -> reasons.add(r.getAsString()));
    return String.join("; ", reasons);
  }

  /**
   * Chinchilla's compute-optimal frontier three ways (Hoffmann et al.): the parametric fit's N*(C)
   * at each budget, each budget's lowest-loss size (approach 1) and the vertex of a parabola through
   * each budget's losses (approach 2), each with its verdict.
   */
  private void frontiers(JsonObject fit) {
    JsonObject optimal = fit.getAsJsonObject("compute_optimal");
    List<List<String>> rows = new ArrayList<>();
    List<JsonObject> approaches = new ArrayList<>();
    for (String key : APPROACHES) {
      if (fit.has(key)) {
        approaches.add(fit.getAsJsonObject(key));
      }
    }
    JsonArray budgets = optimal.getAsJsonArray("budgets");
    for (int i = 0; i < budgets.size(); i++) {
      JsonObject b = budgets.get(i).getAsJsonObject();
      List<String> row = new ArrayList<>(List.of(number(b.get("C")), number(b.get("N_opt"))));
      for (JsonObject a : approaches) {
        JsonArray theirs = a.getAsJsonArray("budgets");
        JsonObject t = i < theirs.size() ? theirs.get(i).getAsJsonObject() : null;
        row.add(t == null ? "" : t.has("note") ? t.get("note").getAsString() : number(t.get("N_opt")));
      }
      rows.add(row);
    }
    List<String> header = new ArrayList<>(List.of("compute C", "approach 3: N*(C)"));
    approaches.forEach(a -> header.add("approach " + (header.size() - 1) + ": N*"));
    page.table("The compute-optimal model size at each compute budget of the grid, three ways (Hoffmann et al. 2022):"
        + " from the fitted law (approach 3), the size of lowest loss (approach 1) and the vertex of a parabola in"
        + " log N through the budget's losses (approach 2). A budget whose optimum lies at the edge of its sizes"
        + " says only on which side the optimum is.", header, rows);
    verdict(optimal.getAsJsonObject("verdict"), "The compute-optimal N*(C) of approach 3");
    for (int k = 0; k < approaches.size(); k++) {
      JsonObject a = approaches.get(k);
      JsonArray interval = a.getAsJsonArray("a_interval");
      page.paragraph("Approach " + (k + 1) + " (" + a.get("method").getAsString() + "): "
          + (a.get("a").isJsonNull() ? "no exponent, fewer than two budgets have an optimum inside their sizes"
              : "N* ~ C^a with a = " + number(a.get("a")) + (interval.get(0).isJsonNull() ? ""
                  : " [" + number(interval.get(0)) + ", " + number(interval.get(1)) + "]")) + ".");
      verdict(a.getAsJsonObject("verdict"), "Approach " + (k + 1));
    }
  }

  private void membership() throws IOException {
    page.heading(2, "Membership inference");
    List<Path> runs = new ArrayList<>();
    if (Files.isDirectory(layout.membership())) {
      try (var dirs = Files.list(layout.membership())) {
        dirs.filter(d -> Files.isRegularFile(d.resolve("membership.csv"))).sorted().forEach(runs::add);
      }
    }
    if (runs.isEmpty()) {
      page.paragraph(missing("membership", layout.membership()));
      return;
    }
    page.paragraph("Each expert was trained for about two epochs of its own domain's training documents, so"
        + " those are members; held-out documents (validation and test splits) of the same domain are not, and"
        + " each side holds as many documents as the smaller one. A membership metric that works"
        + " ranks members above held-out documents: AUROC 0.5 is chance, 1 a perfect separation. The"
        + " interval is a 95% percentile bootstrap (members and held-out documents resampled apart); an"
        + " interval that contains 0.5 does not show the metric beating chance here.");
    List<List<String>> rows = new ArrayList<>();
    for (Path run : runs) {
      JsonObject json = readJson(run.resolve("membership.json"));
      String domain = json == null ? "" : json.get("domain").getAsString();
      rows.addAll(benchmarkRows(run.resolve("membership.csv"), domain, "members", "nonmembers"));
    }
    page.table("AUROC and TPR at 1% FPR of each membership metric (all oriented so that higher = member) per"
            + " expert, on documents of its domain: loss is the mean log-likelihood (Yeom et al.), zlib divides it"
            + " by the zlib length, mink averages the 20% least likely tokens (Min-K%), minkpp the 20% lowest"
            + " standardised log-probs (Min-K%++).",
        List.of("model", "domain", "metric", "members", "held out", "AUROC", "95% interval", "TPR@1%FPR"), rows);
    for (Path run : runs) {
      figure(run.resolve("roc-" + run.getFileName() + ".svg"), "ROC curves of the membership metrics for "
          + run.getFileName() + ": the share of members flagged against the share of held-out documents"
          + " flagged as the threshold falls; the diagonal is chance.");
    }
  }

  private void machineText() throws IOException {
    Path csv = layout.machineText().resolve("machine.csv");
    if (!section("Machine-text detection", "machine-text", csv)) {
      return;
    }
    page.paragraph("The largest scaling model continued 16-token prompts from held-out documents with 48"
        + " sampled tokens (temperature 1, top-p 0.95, seeded); each human text is the document's own"
        + " continuation of the same prompt, cut to as many tokens. The same model scores both (white box):"
        + " fastdetect is Fast-DetectGPT's analytic curvature, zeroshot the zero-shot likelihood test,"
        + " binoculars the ratio of the model's perplexity to its cross-perplexity under a smaller model of"
        + " the grid (the observer). Every score is oriented so that higher = machine.");
    page.table("AUROC and TPR at 1% FPR of each detector, with the 95% bootstrap interval of the AUROC.",
        List.of("model", "domain", "metric", "machine", "human", "AUROC", "95% interval", "TPR@1%FPR"),
        benchmarkRows(csv, "*", "machine", "human"));
    try (var files = Files.list(layout.machineText())) {
      for (Path svg : files.filter(f -> f.getFileName().toString().startsWith("roc-")).sorted().toList()) {
        figure(svg, "ROC curves of the detectors: the share of machine texts flagged against the share of"
            + " human texts flagged as the threshold falls; the diagonal is chance.");
      }
    }
  }

  /** The rows of a benchmark CSV (model, metric, yes, no, auroc, auroc_low, auroc_high, tpr) for a table. */
  private static List<List<String>> benchmarkRows(Path csv, String domain, String yes, String no) throws IOException {
    CsvTable table = CsvTable.read(csv);
    List<String> models = table.text("model");
    List<String> metrics = table.text("metric");
    List<String> yesCounts = table.text(yes);
    List<String> noCounts = table.text(no);
    double[] auroc = table.numbers("auroc");
    double[] low = table.numbers("auroc_low");
    double[] high = table.numbers("auroc_high");
    double[] tpr = table.numbers("tpr_at_1pct_fpr");
    List<List<String>> rows = new ArrayList<>();
    for (int i = 0; i < models.size(); i++) {
      rows.add(List.of(models.get(i), domain, metrics.get(i), yesCounts.get(i), noCounts.get(i),
          String.format(Locale.ROOT, "%.3f", auroc[i]),
          String.format(Locale.ROOT, "[%.3f, %.3f]", low[i], high[i]), String.format(Locale.ROOT, "%.3f", tpr[i])));
    }
    return rows;
  }

  private void parameters(String law, JsonObject fit) {
    JsonObject intervals = fit.has("bootstrap")
        ? fit.getAsJsonObject("bootstrap").getAsJsonObject("parameters") : new JsonObject();
    String level = fit.has("bootstrap")
        ? HtmlPage.number(100 * fit.getAsJsonObject("bootstrap").get("level").getAsDouble()) + "%" : "";
    List<List<String>> rows = new ArrayList<>();
    for (Map.Entry<String, JsonElement> e : fit.entrySet()) {
      String name = e.getKey();
      if (List.of("objective_value", "points", "sigma").contains(name) || !e.getValue().isJsonPrimitive()
          || !e.getValue().getAsJsonPrimitive().isNumber()) {
        continue;
      }
      JsonObject interval = intervals.has(name) ? intervals.getAsJsonObject(name) : null;
      rows.add(List.of(name, HtmlPage.number(e.getValue().getAsDouble()),
          interval == null ? "" : number(interval.getAsJsonArray("interval").get(0)),
          interval == null ? "" : number(interval.getAsJsonArray("interval").get(1))));
    }
    page.table("The fitted parameters of " + law + " under the names of its paper, with " + (level.isEmpty()
            ? "no bootstrap interval" : level + " percentile bootstrap intervals")
            + ": a wide interval means the runs do not pin the parameter down.",
        List.of("parameter", "estimate", "lower", "upper"), rows);
  }

  private void figure(Path svg, String caption) throws IOException {
    if (Files.isRegularFile(svg)) {
      page.figure(caption, Files.readString(svg, StandardCharsets.UTF_8));
    }
  }

  private void csvTable(String caption, Path file) throws IOException {
    CsvTable table = CsvTable.read(file);
    List<List<String>> rows = table.rows().stream()
        .map(row -> row.stream().map(HtmlPage::number).toList()).toList();
    page.table(caption, table.header(), rows);
  }

  /** Starts a section; false, after saying why, when {@code step} left no {@code file} to show. */
  private boolean section(String heading, String step, Path file) {
    page.heading(2, heading);
    if (Files.isRegularFile(file)) {
      return true;
    }
    page.paragraph(missing(step, file));
    return false;
  }

  /** Why a section is empty: the step was skipped, failed, or has not run. */
  private String missing(String step, Path expected) {
    JsonObject s = steps.get(step);
    String status = s == null ? "" : s.get("status").getAsString();
    return switch (status) {
      case "skipped" -> "The " + step + " step was skipped (--skip " + step + "), so " + expected
          + " does not exist; rerun without --skip " + step + " to add this section.";
      case "failed" -> "The " + step + " step failed: " + s.get("note").getAsString();
      default -> "The " + step + " step has not run: " + expected + " does not exist.";
    };
  }

  static String percent(JsonElement fraction) {
    return fraction == null || fraction.isJsonNull() ? "not finite"
        : String.format(Locale.ROOT, "%.1f%%", 100 * fraction.getAsDouble());
  }

  /** A number of a strict JSON file: null stands for a value that was not finite. */
  static String number(JsonElement value) {
    return value == null || value.isJsonNull() ? "not finite" : HtmlPage.number(value.getAsDouble());
  }

  static JsonObject readJson(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      return null;
    }
    try {
      return JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8)).getAsJsonObject();
    } catch (RuntimeException e) {
      throw new IOException(file + ": not a JSON object: " + e.getMessage(), e);
    }
  }
}

package xent.cli;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import xent.scaling.Bootstrap;
import xent.scaling.ChinchillaLaw;
import xent.scaling.ComputeFrontier;
import xent.scaling.Extrapolation;
import xent.scaling.FitPlots;
import xent.scaling.FitReport;
import xent.scaling.HuberFit;
import xent.scaling.HuberLoss;
import xent.scaling.ScalingData;
import xent.scaling.ScalingLaw;
import xent.scaling.ScalingLawFit;
import xent.scaling.ScalingPoint;
import xent.scaling.Verdict;
import xent.table.CsvTable;

/** {@code xent scaling fit}: fits a law on the driver (plain Java: the data are small). */
@Command(
    name = "fit",
    mixinStandardHelpOptions = true,
    description = {"Fits a scaling law to a CSV table and prints its parameters as one JSON object; "
        + "writes PNG and SVG plots, fit.json and index.html into --plots."})
public final class FitCommand implements Callable<Integer>, Preflight {

  @Mixin ConfigFile.Option config;

  @Option(names = "--data", required = true, paramLabel = "FILE",
      description = "CSV with a header (scaling dataset's dataset.csv or curves.csv, or any table).")
  Path data;

  @Option(names = "--law", defaultValue = "chinchilla",
      description = "kaplan-n, kaplan-d, power-plus-constant, chinchilla or lr-annealing (default ${DEFAULT-VALUE}).")
  String law;

  @Option(names = "--n-col", defaultValue = "N", description = "Parameters column (default ${DEFAULT-VALUE}).")
  String nCol;

  @Option(names = "--d-col", defaultValue = "D",
      description = "Tokens column (default ${DEFAULT-VALUE}); when absent, D = C / 6N.")
  String dCol;

  @Option(names = "--c-col", defaultValue = "C",
      description = "Compute column (default ${DEFAULT-VALUE}); when absent, C = 6ND.")
  String cCol;

  @Option(names = "--loss-col", defaultValue = "loss", description = "Loss column (default ${DEFAULT-VALUE}).")
  String lossCol;

  @Option(names = "--where", paramLabel = "COL=VALUE",
      description = "Keep only rows whose column COL is VALUE (e.g. domain=* or model=NAME); repeatable.")
  Map<String, String> where = Map.of();

  @Option(names = "--match", paramLabel = "COL=GLOB",
      description = "Keep only rows whose column COL matches GLOB (* and ? wildcards, e.g. model=scaling-*); repeatable.")
  Map<String, String> match = Map.of();

  @Option(names = "--drop-highest", defaultValue = "0", paramLabel = "K",
      description = "Drop the K points of highest loss first (Besiroglu et al. drop 5).")
  int dropHighest;

  @Option(names = "--maximum-likelihood",
      description = "Epoch AI's variant: Huber loss as a negative log-likelihood with a fitted scale.")
  boolean maximumLikelihood;

  @Option(names = "--huber-delta", defaultValue = "1e-3", description = "Huber delta on log loss (default ${DEFAULT-VALUE}).")
  double delta;

  @Option(names = "--bootstrap", defaultValue = "0", paramLabel = "B",
      description = "Percentile bootstrap with B resamples (0: none).")
  int bootstrap;

  @Option(names = "--level", defaultValue = "0.95", description = "Bootstrap interval level (default ${DEFAULT-VALUE}).")
  double level;

  @Option(names = "--seed", defaultValue = "1", description = "Bootstrap seed (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--holdout-largest", defaultValue = "0", paramLabel = "K",
      description = "Also fit without the K largest sizes and report the error on them (0: none).")
  int holdoutLargest;

  @Option(names = "--plots", paramLabel = "DIR", description = "Folder for the plots and index.html (default: none).")
  Path plots;

  @Override
  public void checkInputs() {
    InputCheck.file(data, "scaling data file (--data)");
  }

  @Override
  public Integer call() throws Exception {
    checkInputs();
    CsvTable table = filtered(CsvTable.read(data));
    List<ScalingPoint> points = new ScalingData(nCol, dCol, cCol, lossCol).points(table);
    if (dropHighest > 0) {
      points = ScalingData.dropHighest(points, dropHighest);
    }
    HuberFit fitter = new HuberFit(ScalingLaw.named(law), new HuberLoss(delta), maximumLikelihood);
    ScalingLawFit fit = fitter.fit(points);
    FitReport report = new FitReport(fit, maximumLikelihood);
    Bootstrap.Result resampled = null;
    if (bootstrap > 0) {
      resampled = new Bootstrap(fitter, bootstrap, level, seed).resample(points, fit);
      report.bootstrap(level, resampled);
    }
    Verdict verdict = Verdict.of(fit, points, resampled);
    report.verdict(verdict);
    if (fit.law() instanceof ChinchillaLaw) {
      report.computeOptimal(fit, verdict, points);
      report.frontier(ComputeFrontier.approach1(points, level));
      report.frontier(ComputeFrontier.approach2(points, level));
    }
    if (holdoutLargest > 0) {
      report.extrapolation(holdoutLargest, Extrapolation.holdOutLargest(fitter, points, holdoutLargest));
    }
    System.out.println(report.toJson(false));
    if (plots != null) {
      FitPlots.write(plots, fit, points, report.toJson(true));
    }
    return 0;
  }

  private CsvTable filtered(CsvTable table) {
    List<List<String>> rows = table.rows();
    for (Map.Entry<String, String> w : where.entrySet()) {
      int index = column(table, w.getKey(), "--where");
      rows = rows.stream().filter(row -> row.get(index).equals(w.getValue())).toList();
    }
    for (Map.Entry<String, String> m : match.entrySet()) {
      int index = column(table, m.getKey(), "--match");
      PathMatcher glob = FileSystems.getDefault().getPathMatcher("glob:" + m.getValue());
      rows = rows.stream().filter(row -> glob.matches(Path.of(row.get(index)))).toList();
    }
    if (rows.isEmpty()) {
      throw new IllegalArgumentException(data + ": no rows left after --where " + where + " --match " + match);
    }
    return new CsvTable(table.file(), table.header(), rows);
  }

  private int column(CsvTable table, String name, String option) {
    int index = table.header().indexOf(name);
    if (index < 0) {
      throw new IllegalArgumentException(data + ": " + option + " column '" + name + "' is not one of " + table.header());
    }
    return index;
  }
}

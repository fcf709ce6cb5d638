package xent.mixture;

import static org.apache.spark.sql.functions.col;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import xent.scoring.ScoreTable;

/**
 * {@code xent mixture}: Mixture of Data Experts loss estimates (Belenki et al., 2025), the
 * regressions fitted to trained mixtures and their peers, leave-one-mixture-out evaluation, and
 * the best mixture for a target objective.
 *
 * <pre>
 * OUT/observed.csv            model, domain, weight, loss (the observed mixtures, long format)
 * OUT/estimates.csv           model, domain, w_DOMAIN..., mde, observed
 * OUT/loo.csv                 model, domain, method, predicted, observed (leave one mixture out)
 * OUT/metrics.csv, .md        domain, method, spearman, mae (domain * : mean over domains)
 * OUT/optimum.json, .csv      per method the chosen mixture, its predicted and MDE objective
 * OUT/mixture.png, .svg, .html  predicted against observed per method
 * </pre>
 *
 * <p>The session is the caller's: the job neither creates nor stops it.
 */
public final class MixtureJob {

  static final List<String> METHODS = List.of("mde", "linear+mde", "gbt+mde", "regmix", "linear", "mixing-law");

  private static final int EG_EVALUATIONS = 300;
  private static final double EG_GAP = 1e-6;
  private static final int MIXING_LAW_STARTS = 8;
  private static final int FIT_THREADS = 4;
  /** Refits per method for the interval of its recommended mixture's predicted objective. */
  static final int OPTIMUM_RESAMPLES = 20;

  private MixtureJob() {}

  public static void run(SparkSession spark, MixtureOptions options, PrintStream log) throws IOException {
    long started = System.nanoTime();
    Files.createDirectories(options.out());
    Dataset<Row> table = ScoreTable.read(spark, options.experts());
    if (!Arrays.asList(table.columns()).contains("token_logprob")) {
      throw new IllegalArgumentException("--experts " + options.experts() + ": no token_logprob column; score the "
          + "experts with --per-token");
    }
    List<String> expertModels = ScoreTable.models(table, options.expertGlob());
    Dataset<Row> expertRows = table
        .filter(col("model").isin(expertModels.toArray()).and(col("domain").isNotNull()))
        .select("model", "doc_id", "domain", "n_tokens", "token_logprob");
    List<String> domains = expertRows.select("domain").distinct().as(Encoders.STRING()).collectAsList()
        .stream().sorted().toList();
    Experts experts = Experts.resolve(expertModels, domains, options.expertDomains(), options.modelDirs());
    log.printf(Locale.ROOT, "xent mixture: %d experts %s for domains %s; %d validation domains%n", experts.size(),
        experts.models(), experts.domains(), domains.size());
    if (options.modelDirs() != null) {
      TokenAlignment.checkTokenizerFiles(options.modelDirs(), experts.models());
    }
    TokenAlignment.checkDocuments(expertRows, experts.models());
    log.println("xent mixture: the experts' tokens align on every document");

    ObservedMixtures observed = ObservedMixtures.read(spark, options.observed(), options.observedGlob(),
        options.modelDirs());
    observed.writeCsv(options.out().resolve("observed.csv"));
    double[][] w = observed.mixtures(experts);
    double[][] loss = observed.losses(domains);
    log.printf(Locale.ROOT, "xent mixture: %d observed mixtures %s%n", w.length, observed.models());
    double[] target = target(options.target(), domains);

    try (MdeEstimator estimator = MdeEstimator.of(expertRows, experts.models(), domains)) {
      long[] counts = estimator.tokenCounts();
      log.printf(Locale.ROOT, "xent mixture: %,d validation tokens (%s)%n", Arrays.stream(counts).sum(),
          tokenSummary(domains, counts));
      long pass = System.nanoTime();
      double[][] mde = estimator.losses(w);
      log.printf(Locale.ROOT, "xent mixture: MDE estimates of the %d observed mixtures in one pass (%.1f s)%n",
          w.length, seconds(pass));
      Observations observations = new Observations(observed.models(), w, mde, loss);
      MixtureReport report = new MixtureReport(options.out(), experts, domains, target);
      report.writeEstimates(observations);

      List<LossRegression> methods = methods(spark, options.trees(), options.seed(), ownExpert(experts, domains));
      Map<String, double[][]> loo = new LinkedHashMap<>();
      ExecutorService fits = Executors.newFixedThreadPool(FIT_THREADS);
      try {
        for (LossRegression method : methods) {
          long fit = System.nanoTime();
          loo.put(method.name(), leaveOneOut(method, observations, fits));
          log.printf(Locale.ROOT, "xent mixture: leave-one-out %s: %d fits of %d domains (%.1f s)%n", method.name(),
              observations.size(), domains.size(), seconds(fit));
        }
      } finally {
        fits.shutdownNow();
      }
      report.writeLeaveOneOut(observations, loo);
      report.metrics(observations, loo).print(log);

      List<MixtureReport.Choice> choices = optimise(estimator, methods, observations, target, options, log);
      double[][] chosen = choices.stream().map(MixtureReport.Choice::w).toArray(double[][]::new);
      double[][] chosenMde = estimator.losses(chosen);
      List<MixtureReport.Choice> withMde = new ArrayList<>();
      for (int c = 0; c < choices.size(); c++) {
        withMde.add(choices.get(c).withMde(dot(target, chosenMde[c])));
        log.println("xent mixture: " + withMde.get(c).describe(experts.domains()));
      }
      report.writeOptimum(withMde);
      report.writePlots(observations, loo, withMde);
    }
    log.printf(Locale.ROOT, "xent mixture: done in %.1f s; tables and plots in %s%n", seconds(started), options.out());
  }

  static List<LossRegression> methods(SparkSession spark, int trees, long seed, int[] ownExpert) {
    return List.of(new RawMde(),
        new MllibLoss("linear+mde", spark, true, false, trees, seed, ownExpert),
        new MllibLoss("gbt+mde", spark, true, true, trees, seed, ownExpert),
        new MllibLoss("regmix", spark, false, true, trees, seed, ownExpert),
        new MllibLoss("linear", spark, false, false, trees, seed, ownExpert),
        new DataMixingLaw(seed, MIXING_LAW_STARTS));
  }

  /**
   * predicted[n][j] for each observed mixture n by the method fitted on all the others. The folds
   * run concurrently: an MLlib fit on tens of rows is many tiny Spark jobs, bound by scheduling
   * latency rather than by cores.
   */
  static double[][] leaveOneOut(LossRegression method, Observations observations, ExecutorService fits) {
    List<Future<double[]>> folds = new ArrayList<>();
    for (int n = 0; n < observations.size(); n++) {
      int held = n;
      folds.add(fits.submit(() -> method.fit(observations.without(held))
          .predict(observations.w()[held], observations.mde()[held])));
    }
    double[][] predicted = new double[observations.size()][];
    for (int n = 0; n < predicted.length; n++) {
      try {
        predicted[n] = folds.get(n).get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while fitting " + method.name(), e);
      } catch (ExecutionException e) {
        throw e.getCause() instanceof RuntimeException r ? r
            : new IllegalStateException(method.name() + ": " + e.getCause().getMessage(), e.getCause());
      }
    }
    return predicted;
  }

  private static List<MixtureReport.Choice> optimise(MdeEstimator estimator, List<LossRegression> methods,
      Observations observations, double[] target, MixtureOptions options, PrintStream log) {
    int k = estimator.experts();
    List<MixtureReport.Choice> choices = new ArrayList<>();
    long eg = System.nanoTime();
    double[][] gradients = new double[target.length][k];
    SimplexObjective objective = (w, g) -> {
      double[] losses = estimator.lossesAndGradients(w, gradients);
      Arrays.fill(g, 0);
      for (int j = 0; j < target.length; j++) {
        for (int i = 0; i < k; i++) {
          g[i] += target[j] * gradients[j][i];
        }
      }
      return dot(target, losses);
    };
    SimplexMinimum best = new ExponentiatedGradient(EG_EVALUATIONS, EG_GAP).minimize(objective, Simplex.uniform(k));
    log.printf(Locale.ROOT, "xent mixture: exponentiated gradient on MDE: objective %.6f after %d passes%s (%.1f s)%n",
        best.value(), best.iterations(), best.converged() ? "" : " (not converged)", seconds(eg));
    choices.add(new MixtureReport.Choice("mde", "exponentiated-gradient", best.w(), best.value(), best.iterations(),
        best.converged()));

    DirichletSearch search = new DirichletSearch(options.candidates(), options.seed());
    double[][] candidates = search.candidates(k);
    long pass = System.nanoTime();
    double[][] candidateMde = estimator.losses(candidates);
    log.printf(Locale.ROOT, "xent mixture: MDE estimates of %,d candidate mixtures in one pass (%.1f s)%n",
        candidates.length, seconds(pass));
    List<LossRegression.Fitted> fits = new ArrayList<>();
    List<SupportedOptimum> supported = new ArrayList<>();
    for (LossRegression method : methods) {
      LossRegression.Fitted fitted = method.fit(observations);
      double[] values = new double[candidates.length];
      for (int c = 0; c < candidates.length; c++) {
        values[c] = dot(target, fitted.predict(candidates[c], candidateMde[c]));
      }
      fits.add(fitted);
      supported.add(SupportedOptimum.choose(observations.w(), candidates, values));
    }
    // The recommendations are means of candidates: their MDE estimates take one more pass.
    double[][] chosenMde = estimator.losses(supported.stream().map(SupportedOptimum::w).toArray(double[][]::new));
    long resampling = System.nanoTime();
    ExecutorService pool = Executors.newFixedThreadPool(FIT_THREADS);
    try {
      for (int m = 0; m < methods.size(); m++) {
        SupportedOptimum o = supported.get(m);
        double predicted = dot(target, fits.get(m).predict(o.w(), chosenMde[m]));
        double[] interval = predictionInterval(methods.get(m), observations, o.w(), chosenMde[m], target,
            options.seed() + m, pool);
        log.printf(Locale.ROOT, "xent mixture: %s: mean of the best %d of %,d candidates within L1 %.3f of an observed"
            + " mixture%n", methods.get(m).name(), o.averaged(), o.supported(), o.radius());
        choices.add(new MixtureReport.Choice(methods.get(m).name(), "dirichlet-supported-top-tenth", o.w(), predicted,
            candidates.length, true).withInterval(Math.min(interval[0], predicted), Math.max(interval[1], predicted)));
      }
    } finally {
      pool.shutdownNow();
    }
    log.printf(Locale.ROOT, "xent mixture: %d refits on resampled mixtures per method for the intervals (%.1f s)%n",
        OPTIMUM_RESAMPLES, seconds(resampling));
    return choices;
  }

  /**
   * The 95% percentile interval of the objective predicted at w by the method refitted on
   * {@link #OPTIMUM_RESAMPLES} resamples of the observed mixtures (with replacement, seeded).
   */
  static double[] predictionInterval(LossRegression method, Observations observations, double[] w, double[] mde,
      double[] target, long seed, ExecutorService pool) {
    java.util.Random random = new java.util.Random(seed);
    List<Future<Double>> draws = new ArrayList<>();
    for (int r = 0; r < OPTIMUM_RESAMPLES; r++) {
      int[] rows = random.ints(observations.size(), 0, observations.size()).toArray();
      draws.add(pool.submit(() -> dot(target, method.fit(observations.rows(rows)).predict(w, mde))));
    }
    double[] values = new double[draws.size()];
    for (int r = 0; r < values.length; r++) {
      try {
        values[r] = draws.get(r).get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while resampling " + method.name(), e);
      } catch (ExecutionException e) {
        throw e.getCause() instanceof RuntimeException re ? re
            : new IllegalStateException(method.name() + ": " + e.getCause().getMessage(), e.getCause());
      }
    }
    Arrays.sort(values);
    return new double[] {quantile(values, 0.025), quantile(values, 0.975)};
  }

  /** Linear interpolation between order statistics (NumPy's default). */
  static double quantile(double[] sorted, double q) {
    double position = q * (sorted.length - 1);
    int below = (int) Math.floor(position);
    int above = Math.min(below + 1, sorted.length - 1);
    return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
  }

  /** For each validation domain, the index of the expert trained on it, or -1 when none was. */
  static int[] ownExpert(Experts experts, List<String> domains) {
    return domains.stream().mapToInt(domain -> experts.domains().indexOf(domain)).toArray();
  }

  /** Target weights per validation domain, normalised; all domains equally when none are given. */
  static double[] target(Map<String, Double> weights, List<String> domains) {
    double[] target = new double[domains.size()];
    if (weights.isEmpty()) {
      Arrays.fill(target, 1.0 / domains.size());
      return target;
    }
    weights.forEach((domain, weight) -> {
      int j = domains.indexOf(domain);
      if (j < 0) {
        throw new IllegalArgumentException("--target " + domain + ": not a validation domain " + domains);
      }
      target[j] = weight;
    });
    double sum = Arrays.stream(target).sum();
    for (int j = 0; j < target.length; j++) {
      target[j] /= sum;
    }
    return target;
  }

  static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  private static String tokenSummary(List<String> domains, long[] counts) {
    List<String> parts = new ArrayList<>();
    for (int j = 0; j < counts.length; j++) {
      parts.add(String.format(Locale.ROOT, "%s %,d", domains.get(j), counts[j]));
    }
    return String.join(", ", parts);
  }

  private static double seconds(long since) {
    return (System.nanoTime() - since) / 1e9;
  }
}

package xent.cli;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import xent.detect.DocumentMetric;
import xent.detect.MetricSettings;
import xent.detection.BenchmarkOptions;
import xent.detection.BenchmarkResult;
import xent.detection.DetectionBenchmark;
import xent.inventory.ModelSuite;
import xent.model.ModelSpec;
import xent.scoring.CorpusOptions;

/**
 * The options and the run shared by the two detection benchmarks, {@code xent membership} and
 * {@code xent machine-text}; each names its two corpora and its default metrics.
 */
abstract class BenchmarkCommand implements Callable<Integer>, Preflight {

  @Mixin ConfigFile.Option config;

  @Mixin WindowOptions windows;

  @Option(names = "--model", required = true, split = ",", paramLabel = "NAME=PATH",
      converter = ModelSuiteConverter.class, description = "A model or a suite glob, as for xent score; repeatable.")
  List<ModelSuite> models;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder.")
  String out;

  @Option(names = "--n", defaultValue = "500", description = "Documents drawn from each side (default ${DEFAULT-VALUE}).")
  int perSide;

  @Option(names = "--domain", paramLabel = "NAME",
      description = "Draw only documents of this domain, on both sides (default: all).")
  String domain;

  @Option(names = "--seed", defaultValue = "42", description = "Seed of the draw and the bootstrap (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--reference-model", paramLabel = "NAME=PATH", converter = ModelSpecConverter.class,
      description = "The reference model of binoculars and of fastdetect with a reference, as for xent score.")
  ModelSpec referenceModel;

  @Option(names = "--counts", paramLabel = "DIR", description = "xent counts output, for dcpdd.")
  String counts;

  @Option(names = "--resamples", defaultValue = "1000", description = "Bootstrap resamples (default ${DEFAULT-VALUE}).")
  int resamples;

  /** What the metrics detect. */
  abstract DocumentMetric.Question question();

  /** The "yes" corpus (members; machine texts) as given. */
  abstract String positives();

  /** The "no" corpus (held out; human texts) as given. */
  abstract String negatives();

  /** The --metrics value. */
  abstract String metrics();

  @Override
  public void checkInputs() throws IOException {
    ModelSuiteConverter.expand(models).forEach(InputCheck::model);
    if (referenceModel != null) {
      InputCheck.model(referenceModel);
    }
    InputCheck.paths(positives(), "corpus " + positives());
    InputCheck.paths(negatives(), "corpus " + negatives());
  }

  @Override
  public Integer call() throws IOException {
    checkInputs();
    BenchmarkOptions options;
    try {
      options = new BenchmarkOptions(question(), ModelSuiteConverter.expand(models), CorpusOptions.of(positives()),
          CorpusOptions.of(negatives()), domain, perSide, seed, MetricSettings.of(metrics()), referenceModel, counts,
          windows.scoring(), resamples, out);
    } catch (IllegalArgumentException e) {
      throw new InputError(e.getMessage(), e);
    }
    try (JobSession session = JobSession.open("xent " + options.name())) {
      List<BenchmarkResult> results = DetectionBenchmark.run(session.spark(), options);
      System.out.printf("%-24s %-10s %5s %5s %7s  %-16s %s%n", "model", "metric", "yes", "no", "AUROC",
          "95% interval", "TPR@1%FPR");
      for (BenchmarkResult r : results) {
        System.out.printf("%-24s %-10s %5d %5d %7.3f  [%.3f, %.3f]   %.3f%n", r.model(), r.metric(), r.positives(),
            r.negatives(), r.auroc(), r.aurocLow(), r.aurocHigh(), r.tprAt1Fpr());
      }
      return 0;
    }
  }
}

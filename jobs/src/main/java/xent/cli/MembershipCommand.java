package xent.cli;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import xent.detect.MetricSettings;
import xent.inventory.ModelSuite;
import xent.membership.MembershipJob;
import xent.membership.MembershipOptions;
import xent.membership.MembershipResult;
import xent.model.ModelSpec;
import xent.scoring.CorpusOptions;

/** {@code xent membership}: AUROC and TPR at 1% FPR of each membership metric, per model. */
@Command(
    name = "membership",
    mixinStandardHelpOptions = true,
    description = {
        "A known-member benchmark: N documents drawn (seeded) from a corpus the models were trained"
            + " on and N from one they never saw, scored with each membership metric by each model.",
        "Writes OUT/membership.json and .csv (AUROC with its 95% bootstrap interval, TPR at 1% FPR,"
            + " per model and metric), OUT/roc-MODEL.svg, and the two score runs it made."})
public final class MembershipCommand implements Callable<Integer>, Preflight {

  @Mixin ConfigFile.Option config;

  @Mixin WindowOptions windows;

  @Option(names = "--model", required = true, split = ",", paramLabel = "NAME=PATH",
      converter = ModelSuiteConverter.class, description = "A model or a suite glob, as for xent score; repeatable.")
  List<ModelSuite> models;

  @Option(names = "--members", required = true, paramLabel = "PATH_OR_GLOB",
      description = "Documents the models were trained on (any corpus format of xent score).")
  String members;

  @Option(names = "--nonmembers", required = true, paramLabel = "PATH_OR_GLOB",
      description = "Documents none of the models saw.")
  String nonmembers;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder.")
  String out;

  @Option(names = "--n", defaultValue = "500", description = "Documents drawn from each side (default ${DEFAULT-VALUE}).")
  int perSide;

  @Option(names = "--seed", defaultValue = "42", description = "Seed of the draw and the bootstrap (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--metrics", defaultValue = "loss,zlib,mink,minkpp", paramLabel = "KEY,...",
      description = "Membership metrics (default ${DEFAULT-VALUE}; dcpdd needs --counts).")
  String metrics;

  @Option(names = "--counts", paramLabel = "DIR", description = "xent counts output, for dcpdd.")
  String counts;

  @Option(names = "--resamples", defaultValue = "1000", description = "Bootstrap resamples (default ${DEFAULT-VALUE}).")
  int resamples;

  @Override
  public void checkInputs() throws IOException {
    modelSpecs().forEach(InputCheck::model);
    InputCheck.paths(members, "members corpus");
    InputCheck.paths(nonmembers, "non-members corpus");
  }

  private List<ModelSpec> modelSpecs() {
    return ModelSuiteConverter.expand(models);
  }

  @Override
  public Integer call() throws IOException {
    checkInputs();
    MembershipOptions options;
    try {
      options = new MembershipOptions(modelSpecs(), CorpusOptions.of(members), CorpusOptions.of(nonmembers),
          perSide, seed, MetricSettings.of(metrics), counts, windows.scoring(), resamples, out);
    } catch (IllegalArgumentException e) {
      throw new InputError(e.getMessage(), e);
    }
    try (JobSession session = JobSession.open("xent membership")) {
      List<MembershipResult> results = MembershipJob.run(session.spark(), options);
      System.out.printf("%-24s %-8s %7s %7s %7s  %-17s %s%n", "model", "metric", "members", "held", "AUROC",
          "95% interval", "TPR@1%FPR");
      for (MembershipResult r : results) {
        System.out.printf("%-24s %-8s %7d %7d %7.3f  [%.3f, %.3f]    %.3f%n", r.model(), r.metric(), r.members(),
            r.nonmembers(), r.auroc(), r.aurocLow(), r.aurocHigh(), r.tprAt1Fpr());
      }
      return 0;
    }
  }
}

package xent.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import xent.mixture.MixtureJob;
import xent.mixture.MixtureOptions;

/** {@code xent mixture}: data-mixture loss estimates with a Mixture of Data Experts (Belenki et al., 2025). */
@Command(
    name = "mixture",
    mixinStandardHelpOptions = true,
    description = {
        "Estimate the validation loss of data mixtures from per-domain expert models (MDE: -mean log sum_i w_i p_i),",
        "fit regressions to trained mixtures, evaluate them leaving one mixture out, and choose the best mixture.",
        "Writes observed.csv, estimates.csv, loo.csv, metrics.csv/md, optimum.json/csv and mixture.png/svg/html to OUT."})
public final class MixtureCommand implements Callable<Integer>, Preflight {

  @Mixin ConfigFile.Option config;

  @Option(names = "--experts", required = true, paramLabel = "DIR",
      description = "Score job output (or its scores/) with the experts scored --per-token.")
  String experts;

  @Option(names = "--observed", required = true, paramLabel = "PATH",
      description = "CSV model,domain,weight,loss of the trained mixtures, or a score job output (needs --model-dirs).")
  String observed;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder.")
  Path out;

  @Option(names = "--target", split = ",", paramLabel = "DOMAIN=WEIGHT",
      description = "Weights of the validation domains in the objective (default: all domains equally).")
  Map<String, Double> target = Map.of();

  @Option(names = "--expert-models", defaultValue = "expert-*", paramLabel = "GLOB",
      description = "Expert model names (default ${DEFAULT-VALUE}).")
  String expertGlob;

  @Option(names = "--observed-models", defaultValue = "mixture-*", paramLabel = "GLOB",
      description = "Mixture model names when --observed is a score table (default ${DEFAULT-VALUE}).")
  String observedGlob;

  @Option(names = "--model-dirs", paramLabel = "DIR",
      description = "Folder with NAME/training.json and the tokenizer per model: expert domains, training mixtures, "
          + "tokenizer check.")
  Path modelDirs;

  @Option(names = "--expert-domain", split = ",", paramLabel = "NAME=DOMAIN",
      description = "Domain of an expert (default: training.json's dominant domain, else the suffix of expert-DOMAIN).")
  Map<String, String> expertDomains = Map.of();

  @Option(names = "--candidates", defaultValue = "10000", paramLabel = "N",
      description = "Dirichlet(1) mixtures searched on each regressor (default ${DEFAULT-VALUE}).")
  int candidates;

  @Option(names = "--trees", defaultValue = "20", paramLabel = "N",
      description = "Boosting rounds of gbt+mde and regmix (depth-2 trees; default ${DEFAULT-VALUE}).")
  int trees;

  @Option(names = "--seed", defaultValue = "42", description = "Seed (default ${DEFAULT-VALUE}).")
  long seed;

  @Override
  public void checkInputs() throws IOException {
    InputCheck.paths(experts, "expert scores (--experts)");
    InputCheck.paths(observed, "observed mixtures (--observed)");
    InputCheck.folder(modelDirs, "--model-dirs folder");
  }

  @Override
  public Integer call() throws IOException {
    checkInputs();
    MixtureOptions options = new MixtureOptions(experts, observed, out, target, expertGlob, observedGlob, modelDirs,
        expertDomains, candidates, trees, seed);
    try (JobSession session = JobSession.open("xent mixture")) {
      MixtureJob.run(session.spark(), options, System.err);
      return 0;
    }
  }
}

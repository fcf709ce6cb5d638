package xent.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import xent.model.ModelConfig;
import xent.train.GridPlan;
import xent.train.TrainGridJob;

/** {@code xent train-grid}: a family of models trained in parallel on Spark. */
@Command(
    name = "train-grid",
    mixinStandardHelpOptions = true,
    description = "Train a scaling grid (sizes x token budgets), one expert per domain and random"
        + " domain mixtures, sharing one tokenizer, one Spark task per model.")
public final class TrainGridCommand implements Callable<Integer>, Preflight {

  @Mixin ConfigFile.Option config;

  @Option(names = "--corpus", required = true, paramLabel = "FILE.jsonl") Path corpus;
  @Option(names = "--valid", paramLabel = "FILE.jsonl") Path valid;
  @Option(names = "--out", required = true, paramLabel = "DIR") Path out;

  @Option(names = "--preset", defaultValue = "small", paramLabel = "small|full",
      description = "small: minutes on 2 cores; full: smoother curves, hours.")
  String preset;

  @Option(names = "--family", defaultValue = "gpt2", paramLabel = "gpt2|llama")
  ModelConfig.Family family;

  @Option(names = "--tokenizer", defaultValue = "bpe:512", paramLabel = "byte|bpe:VOCAB")
  String tokenizer;

  @Option(names = "--lr", defaultValue = "3e-3") double lr;
  @Option(names = "--seed", defaultValue = "1") long seed;
  @Option(names = "--domain-col", defaultValue = "domain") String domainColumn;

  @Option(names = "--threads", defaultValue = "1", description = "PyTorch threads per task.")
  int threads;

  @Override
  public void checkInputs() {
    InputCheck.file(corpus, "corpus file");
    InputCheck.file(valid, "validation file");
  }

  @Override
  public Integer call() throws IOException {
    checkInputs();
    try (JobSession session = JobSession.open("xent train-grid")) {
      TrainGridJob.run(session.spark(), GridPlan.preset(preset), new TrainGridJob.Settings(corpus, valid,
          domainColumn, tokenizer, family, lr, seed, out, threads), System.out);
    }
    return 0;
  }
}

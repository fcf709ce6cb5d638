package xent.cli;

import java.io.IOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import xent.detection.SampleJob;
import xent.detection.SampleOptions;
import xent.generate.SamplingOptions;
import xent.model.ModelSpec;
import xent.scoring.CorpusOptions;

/** {@code xent sample}: a model's continuations of human prompts, beside the human continuations. */
@Command(
    name = "sample",
    mixinStandardHelpOptions = true,
    description = {
        "Draw N documents (seeded), prompt the model with the first P tokens of each, and sample T new"
            + " tokens (temperature, top-p), on Spark; the human text is the document's own next tokens,"
            + " as many as the model drew.",
        "Writes OUT/machine and OUT/human (Parquet corpora: id, domain, text, one row each per"
            + " document, same ids) and OUT/skipped. Reruns with the same seed give the same texts."})
public final class SampleCommand implements Callable<Integer>, Preflight {

  @Mixin ConfigFile.Option config;

  @Option(names = "--model", required = true, paramLabel = "NAME=PATH", converter = ModelSpecConverter.class,
      description = "The model that writes.")
  ModelSpec model;

  @Option(names = "--prompts", required = true, paramLabel = "PATH_OR_GLOB",
      description = "Human documents whose beginnings are the prompts (any corpus format of xent score).")
  String prompts;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder.")
  String out;

  @Option(names = "--n", defaultValue = "200", description = "Documents drawn (default ${DEFAULT-VALUE}).")
  int n;

  @Option(names = "--prompt-tokens", defaultValue = "32", description = "Prompt length in tokens (default ${DEFAULT-VALUE}).")
  int promptTokens;

  @Option(names = "--new-tokens", defaultValue = "64", description = "Tokens drawn per prompt (default ${DEFAULT-VALUE}).")
  int newTokens;

  @Option(names = "--temperature", defaultValue = "1.0", description = "Sampling temperature (default ${DEFAULT-VALUE}).")
  double temperature;

  @Option(names = "--top-p", defaultValue = "0.95", description = "Nucleus sampling's p (default ${DEFAULT-VALUE}).")
  double topP;

  @Option(names = "--seed", defaultValue = "42", description = "Seed of the draw and of every continuation (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--batch", defaultValue = "16", description = "Prompts continued together (default ${DEFAULT-VALUE}).")
  int batch;

  @Override
  public void checkInputs() throws IOException {
    InputCheck.model(model);
    InputCheck.paths(prompts, "prompts corpus");
  }

  @Override
  public Integer call() throws IOException {
    checkInputs();
    SampleOptions options;
    try {
      options = new SampleOptions(model, CorpusOptions.of(prompts), n, promptTokens,
          new SamplingOptions(temperature, topP, newTokens), seed, batch, out);
    } catch (IllegalArgumentException e) {
      throw new InputError(e.getMessage(), e);
    }
    try (JobSession session = JobSession.open("xent sample")) {
      SampleJob.Totals totals = SampleJob.run(session.spark(), options);
      System.out.printf("xent sample: %,d continuations written to %s/machine and %s/human; %,d documents"
          + " skipped (%s/skipped)%n", totals.continued(), out, out, totals.skipped(), out);
      return 0;
    }
  }
}

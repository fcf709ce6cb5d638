package xent.cli;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import xent.inventory.ModelSuite;
import xent.model.ModelSpec;
import xent.score.ScoringOptions;
import xent.scoring.CorpusOptions;
import xent.scoring.ScoreJob;
import xent.scoring.ScoreJobOptions;
import xent.scoring.ScoreSummary;

/** {@code xent score}: the Spark job that scores a corpus with one or more models. */
@Command(
    name = "score",
    mixinStandardHelpOptions = true,
    description = {
        "Score every document of a corpus with every model, on Spark.",
        "Writes OUT/scores (Parquet, by model), OUT/rejects and OUT/summary.json; rerunning the"
            + " same command resumes an interrupted run."})
public final class ScoreCommand implements Callable<Integer>, Preflight {

  @Mixin ConfigFile.Option config;

  @Mixin WindowOptions windows;

  @Mixin MetricOptions metricOptions;

  @Option(names = "--reference-model", paramLabel = "NAME=PATH", converter = ModelSpecConverter.class,
      description = "A second model with the scored models' tokenizer, for the two-model metrics:"
          + " Binoculars' observer and Fast-DetectGPT's sampling model (without it,"
          + " fastdetect takes each scored model as its own reference).")
  ModelSpec referenceModel;

  @Option(names = "--counts", paramLabel = "DIR",
      description = "The output of 'xent counts' on a reference corpus, with the scored models'"
          + " tokenizer: DC-PDD's token frequencies.")
  String counts;

  @Option(names = "--model", required = true, split = ",", paramLabel = "NAME=PATH",
      converter = ModelSuiteConverter.class,
      description = "A Hugging Face or llama2.c model folder; repeat for several models. A glob"
          + " ('pythia=suites/pythia/*/step*') is a suite: one model per checkpoint folder, named"
          + " NAME.RELATIVE.PATH below the glob's fixed part, as 'xent models' names them.")
  List<ModelSuite> models;

  @Option(names = "--corpus", required = true, paramLabel = "PATH_OR_GLOB",
      description = "JSONL (also .gz), Parquet, or a folder of text files (one document each).")
  String corpus;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder.")
  String out;

  @Option(names = "--format", paramLabel = "FORMAT",
      description = "jsonl, parquet or text (default: from the file names).")
  CorpusOptions.Format format;

  @Option(names = "--text-col", defaultValue = "text", description = "Text field (default ${DEFAULT-VALUE}).")
  String textCol;

  @Option(names = "--id-col", defaultValue = "id",
      description = "Id field (default ${DEFAULT-VALUE}); without one, ids come from content and source.")
  String idCol;

  @Option(names = "--domain-col", defaultValue = "domain", description = "Domain field (default ${DEFAULT-VALUE}).")
  String domainCol;

  @Option(names = "--limit", defaultValue = "0", description = "Score only the first N rows (0: all).")
  long limit;

  @Option(names = "--per-token", description = "Also write per-token arrays: token_logprob, token_entropy,"
      + " token_logprob_var (variance of log p under p) and token_rank.")
  boolean perToken;

  @Option(names = "--splits", defaultValue = "0", paramLabel = "N",
      description = "Units of work per model (default: one per 8 MB of input, at least one per core).")
  int splits;

  @Option(names = "--overwrite",
      description = "Delete the earlier run in --out (its scores, rejects and _xent) and start"
          + " afresh. Without it a rerun resumes the earlier run, and refuses other options once"
          + " a unit has finished.")
  boolean overwrite;

  @Override
  public void checkInputs() throws IOException {
    suiteModels().forEach(InputCheck::model);
    if (referenceModel != null) {
      InputCheck.model(referenceModel);
    }
    InputCheck.paths(corpus, "corpus");
    if (counts != null) {
      InputCheck.paths(counts, "counts");
    }
  }

  private List<ModelSpec> suiteModels() {
    return ModelSuiteConverter.expand(models);
  }

  @Override
  public Integer call() throws IOException {
    checkInputs();
    ScoringOptions scoring = windows.scoring().withEntropyAndRank(perToken).withVocabTile(metricOptions.vocabTile);
    ScoreJobOptions options;
    try {
      options = new ScoreJobOptions(
          suiteModels(),
          new CorpusOptions(corpus, format, textCol, idCol, domainCol, limit),
          out, scoring, perToken, splits, overwrite)
          .withMetrics(metricOptions.settings(), referenceModel, counts);
    } catch (IllegalArgumentException e) {
      throw new InputError(e.getMessage(), e);
    }
    try (JobSession session = JobSession.open("xent score")) {
      ScoreSummary summary = ScoreJob.run(session.spark(), options);
      summary.print(System.out);
      return 0;
    }
  }
}

package xent.cli;

import java.io.IOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import xent.model.ModelSpec;
import xent.scoring.CorpusOptions;
import xent.scoring.TokenCountJob;

/** {@code xent counts}: the token-count table of a corpus under one model's tokenizer, for DC-PDD. */
@Command(
    name = "counts",
    mixinStandardHelpOptions = true,
    description = {
        "Count how often each token id of a model's tokenizer occurs in a corpus, on Spark: the"
            + " reference frequencies of 'xent score --metrics dcpdd --counts OUT'.",
        "Writes OUT/counts (Parquet: token_id, count), OUT/_xent/counts.json (totals) and"
            + " OUT/_xent/tokenizer (the tokenizer files, so a score run can refuse counts of"
            + " another tokenizer)."})
public final class CountsCommand implements Callable<Integer>, Preflight {

  @Mixin ConfigFile.Option config;

  @Option(names = "--model", required = true, paramLabel = "NAME=PATH", converter = ModelSpecConverter.class,
      description = "The model whose tokenizer counts (its folder's tokenizer.json or tokenizer.bin).")
  ModelSpec model;

  @Option(names = "--corpus", required = true, paramLabel = "PATH_OR_GLOB",
      description = "JSONL (also .gz), Parquet, or a folder of text files (one document each).")
  String corpus;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder.")
  String out;

  @Option(names = "--text-col", defaultValue = "text", description = "Text field (default ${DEFAULT-VALUE}).")
  String textCol;

  @Option(names = "--limit", defaultValue = "0", description = "Count only the first N rows (0: all).")
  long limit;

  @Override
  public void checkInputs() throws IOException {
    InputCheck.model(model);
    InputCheck.paths(corpus, "corpus");
  }

  @Override
  public Integer call() throws IOException {
    checkInputs();
    try (JobSession session = JobSession.open("xent counts")) {
      TokenCountJob.Totals totals = TokenCountJob.run(session.spark(), model,
          new CorpusOptions(corpus, null, textCol, "id", "domain", limit), out);
      System.out.printf("xent counts: %,d tokens of %,d documents, %,d of %,d ids occur; written to %s%n",
          totals.tokens(), totals.documents(), totals.distinct(), totals.vocabSize(), out);
      return 0;
    }
  }
}

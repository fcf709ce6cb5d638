package xent.cli;

import static org.apache.spark.sql.functions.col;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import xent.map.TextSet;
import xent.scoring.CorpusOptions;

/** {@code xent textset}: the text set of a model map, as JSONL for xent score. */
@Command(
    name = "textset",
    mixinStandardHelpOptions = true,
    description = {
        "Cut a corpus into chunks of at most 1024 UTF-8 bytes, keep those over 256 bytes, sample N with a seed.",
        "With --select variance --from SCORES: from a scored text set, N texts drawn with probability"
            + " proportional to the variance of their log-likelihood across models.",
        "Writes OUT/texts.jsonl (id, domain, text, source_id)."})
public final class TextsetCommand implements Callable<Integer>, Preflight {

  /** How texts are chosen. */
  enum Selection { RANDOM, VARIANCE }

  @Spec CommandSpec spec;

  @Mixin ConfigFile.Option config;

  @Option(names = "--corpus", required = true, paramLabel = "PATH_OR_GLOB",
      description = "Corpus (JSONL, Parquet or text files); with --select variance, the scored text set.")
  String corpus;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder.")
  Path out;

  @Option(names = "--n", defaultValue = "10000", description = "Texts to keep (default ${DEFAULT-VALUE}).")
  int n;

  @Option(names = "--seed", defaultValue = "42", description = "Sampling seed (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--select", defaultValue = "random", description = "random or variance (default ${DEFAULT-VALUE}).")
  Selection select;

  @Option(names = "--from", paramLabel = "SCORES", description = "Score table of the text set (for --select variance).")
  String from;

  @Override
  public void checkInputs() throws IOException {
    if (select == Selection.VARIANCE && from == null) {
      throw new ParameterException(spec.commandLine(),
          "--select variance needs --from SCORES, the score table of the text set");
    }
    InputCheck.paths(corpus, "corpus");
    if (from != null) {
      InputCheck.paths(from, "score table (--from)");
    }
  }

  @Override
  public Integer call() throws IOException {
    checkInputs();
    try (JobSession session = JobSession.open("xent textset")) {
      SparkSession spark = session.spark();
      CorpusOptions options = new CorpusOptions(corpus, null, "text", "id", "domain", 0);
      Dataset<Row> texts;
      if (select == Selection.RANDOM) {
        texts = TextSet.sample(spark, options, n, seed);
      } else {
        List<String> ids = TextSet.byVariance(spark.read().parquet(from), n, seed);
        texts = xent.scoring.Corpus.read(spark, options).where(col("reject").isNull().and(col("doc_id").isin(ids.toArray())))
            .select(col("doc_id").as("id"), col("domain"), col("text"), col("doc_id").as("source_id"));
      }
      long written = TextSet.writeJsonl(texts, out.resolve("texts.jsonl"));
      System.err.println("xent textset: wrote " + written + " texts to " + out.resolve("texts.jsonl"));
      return 0;
    }
  }
}

package xent.train;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import xent.model.ModelConfig.Family;
import xent.model.TorchEngine;
import xent.table.StrictJson;
import xent.tokenize.HfTokenizer;

/**
 * {@code xent train-grid}: trains every configuration of a {@link GridPlan} on Spark, one task
 * per configuration, largest first so that the long runs do not end up last. The driver reads
 * the corpus once to learn the domains and the shared tokenizer (OUT/tokenizer/); each task
 * reads the corpus again from its path, so on a cluster the corpus and OUT must be on a shared
 * file system. Each run writes OUT/NAME/ as {@code xent train} does; the driver writes
 * OUT/grid.json with one summary per run.
 */
public final class TrainGridJob {

  /**
   * What the grid trains on.
   *
   * @param corpus training JSONL
   * @param valid validation JSONL, or null
   * @param domainColumn JSONL field of the domain
   * @param tokenizer "byte" or "bpe:VOCAB", learned once for the whole grid
   * @param family model family
   * @param lr peak learning rate of every run
   * @param seed weights, window order and the random mixtures
   * @param out output folder
   * @param threads PyTorch threads of each task
   */
  public record Settings(Path corpus, Path valid, String domainColumn, String tokenizer,
      Family family, double lr, long seed, Path out, int threads) {}

  private TrainGridJob() {}

  /** Trains the grid; returns one result per run, in plan order. */
  public static List<GridResult> run(SparkSession spark, GridPlan plan, Settings s, PrintStream log)
      throws IOException {
    long start = System.nanoTime();
    TrainingCorpus corpus = TrainingCorpus.read(s.corpus(), s.domainColumn());
    Path tokenizerFolder = s.out().resolve("tokenizer");
    TokenizerChoice.parse(s.tokenizer(), null).write(tokenizerFolder, corpus.texts());
    // Tokenized once here: each run reads the streams instead of tokenizing the corpus again.
    String tokenizerSha256 = TokenizedCorpus.digest(tokenizerFolder.resolve("tokenizer.json"));
    TrainingCorpus held = s.valid() == null ? null : TrainingCorpus.read(s.valid(), s.domainColumn());
    Path trainTokens = tokenizerFolder.resolve("train.tokens");
    Path validTokens = tokenizerFolder.resolve("valid.tokens");
    try (HfTokenizer tok = HfTokenizer.open(tokenizerFolder)) {
      TokenizedCorpus.of(corpus, tok, tokenizerSha256).write(trainTokens);
      if (held != null) {
        TokenizedCorpus.of(held, tok, tokenizerSha256).write(validTokens);
      }
    }
    List<String> domains = new ArrayList<>(corpus.textsByDomain().keySet());
    List<GridPlan.Run> runs = plan.runs(s.family(), domains, s.lr(), s.seed());
    List<Task> tasks = new ArrayList<>();
    for (GridPlan.Run run : runs) {
      tasks.add(new Task(run, s.corpus().toString(), s.valid() == null ? null : s.valid().toString(),
          s.domainColumn(), tokenizerFolder.toString(), s.out().resolve(run.name()).toString(),
          s.threads(), new Task.Tokens(trainTokens.toString(), corpus.sha256(),
              held == null ? null : validTokens.toString(), held == null ? null : held.sha256(),
              tokenizerSha256)));
    }
    tasks.sort(Comparator.comparingDouble(Task::cost).reversed());
    log.printf("xent train-grid: %s preset, %d runs (%d domains: %s), tokenizer %s%n",
        plan.preset(), tasks.size(), domains.size(), domains, s.tokenizer());

    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    List<GridResult> done;
    try (GridProgress progress = new GridProgress(spark.sparkContext(),
        tasks.stream().map(t -> t.run().name()).toList(),
        tasks.stream().mapToDouble(Task::cost).toArray(), log)) {
      done = jsc.parallelize(tasks, tasks.size()).map(Task::train).collect();
    }
    List<GridResult> results = new ArrayList<>();
    for (GridPlan.Run run : runs) {
      done.stream().filter(r -> r.name().equals(run.name())).forEach(results::add);
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    StrictJson.write(s.out().resolve("grid.json"), StrictJson.tree(results));
    log.printf("%-28s %10s %10s %10s %8s %8s %10s%n",
        "run", "N", "D", "C", "train", "valid", "tokens/s");
    for (GridResult r : results) {
      Double valid = r.validLoss().get(ValidationSet.ALL);
      log.printf("%-28s %,10d %,10d %10.3g %8.4f %8s %,10.0f%n", r.name(), r.parameters(),
          r.tokens(), r.flops(), r.trainLoss(), valid == null ? "-" : String.format("%.4f", valid),
          r.tokensPerSecond());
    }
    log.printf("xent train-grid: %d runs in %.1f s wall (%s)%n", results.size(), seconds,
        s.out().resolve("grid.json"));
    return results;
  }

  /** One run as a Spark task: plain strings, since paths are not serializable. */
  record Task(GridPlan.Run run, String corpus, String valid, String domainColumn,
      String tokenizerFolder, String out, int threads, Tokens tokens) implements Serializable {

    /** Where the driver saved the tokenized corpora, and the digests they must carry. */
    record Tokens(String train, String trainSha256, String valid, String validSha256,
        String tokenizerSha256) implements Serializable {}

    /** Relative cost: N x D, for largest-first scheduling. */
    double cost() {
      TrainingOptions o = run.options();
      return (double) o.dim() * o.dim() * o.layers() * o.steps() * o.tokensPerStep();
    }

    GridResult train() throws IOException {
      TorchEngine.start(threads);
      TrainingRun training = new TrainingRun(run.options(),
          TokenizerChoice.parse("byte", Path.of(tokenizerFolder)), Path.of(corpus),
          valid == null ? null : Path.of(valid), domainColumn, run.weights(), Path.of(out));
      TokenizedCorpus trainTokens = TokenizedCorpus.read(
          Path.of(tokens.train()), tokens.trainSha256(), tokens.tokenizerSha256());
      TokenizedCorpus validTokens = tokens.valid() == null ? null : TokenizedCorpus.read(
          Path.of(tokens.valid()), tokens.validSha256(), tokens.tokenizerSha256());
      PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
      return GridResult.of(run, training.train(quiet, trainTokens, validTokens));
    }
  }
}

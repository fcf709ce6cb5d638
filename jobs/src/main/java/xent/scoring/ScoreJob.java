package xent.scoring;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import xent.detect.TokenCountTable;
import xent.model.ModelSpec;
import xent.model.checkpoint.Checkpoint;
import xent.model.checkpoint.Checkpoints;
import xent.score.Scorer;
import xent.score.ScoringOptions;
import xent.score.TokenizerIdentity;
import xent.scoring.UnitLedger.Unit;
import xent.tokenize.Tokenizer;
import xent.tokenize.TokenizerFiles;

/**
 * The score job: every document of a corpus under every model, as the score table, a rejects
 * table and a summary, in an output folder that a rerun resumes (layout: {@link ScoreFolder}).
 *
 * <p>A unit is one (model, split). The job checks its inputs, takes OUT's lock, lets the
 * {@link RunPlanner} decide the plan, has the {@link ScorePipeline} stage the corpus and score the
 * units the {@link UnitLedger} does not hold yet, and writes the {@link ScoreSummary} of every
 * committed unit: a run that dies leaves units either committed or absent, and a rerun skips the
 * committed ones, ending with exactly the tables one run would give.
 */
public final class ScoreJob {

  private static final Logger LOG = LoggerFactory.getLogger(ScoreJob.class);

  /** Input bytes per split when the number of splits is derived from the corpus size. */
  private static final long BYTES_PER_SPLIT = 8L << 20;

  private final SparkSession spark;
  private final ScoreJobOptions options;
  private final ScoreFolder folder;
  private final UnitLedger ledger;

  private ScoreJob(SparkSession spark, ScoreJobOptions options) throws IOException {
    this.spark = spark;
    this.options = options;
    this.folder = new ScoreFolder(spark.sparkContext().hadoopConfiguration(), options.out());
    this.ledger = new UnitLedger(folder);
  }

  /** Runs (or resumes) the job and returns the per-model summary it wrote. */
  public static ScoreSummary run(SparkSession spark, ScoreJobOptions options) throws IOException {
    return new ScoreJob(spark, options).run();
  }

  /**
   * Checks every input on the driver before anything is written to OUT (models, their context,
   * the corpus listing), then runs under OUT's lock.
   */
  private ScoreSummary run() throws IOException {
    for (ModelSpec model : options.models()) {
      checkModel(model, options.scoring());
    }
    if (options.reference() != null) {
      checkModel(options.reference(), options.scoring());
      for (ModelSpec model : options.models()) {
        try {
          TokenizerIdentity.checkFolders(options.reference(), model);
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException("--reference-model: " + e.getMessage(), e);
        }
      }
    }
    Corpus.check(spark, options.corpus());
    try (ScoreLock lock = ScoreLock.acquire(folder.fs(), folder.out()); RunLog log = RunLog.to(logFile())) {
      return runLocked();
    }
  }

  /** OUT/_xent/score.log where OUT is on the local file system; null elsewhere (console only). */
  private java.nio.file.Path logFile() {
    java.nio.file.Path file = folder.localLog();
    if (file != null) {
      System.err.println("xent score: log in " + file);
    }
    return file;
  }

  private ScoreSummary runLocked() throws IOException {
    RunPlan plan = new RunPlanner(folder, ledger).plan(options, this::derivedSplits);
    ScorePipeline pipeline = new ScorePipeline(spark, folder, ledger, options.engineOptions(),
        options.perToken(), options.metrics(), metricColumns());
    FileSystem fs = folder.fs();
    Path documents = folder.documents();
    if (!fs.exists(new Path(documents, "_SUCCESS"))) {
      pipeline.stage(plan);
    } else {
      LOG.info("reusing the staged documents in {}", documents);
    }
    Map<Integer, Long> rowsPerSplit = pipeline.rowsPerSplit();
    long totalRows = rowsPerSplit.values().stream().mapToLong(Long::longValue).sum();
    if (totalRows == 0) {
      fs.delete(documents, true); // a rerun after the corpus is filled stages it again
      throw new IllegalArgumentException("corpus " + plan.corpus().path() + " holds no documents");
    }

    fs.delete(folder.tmp(), true); // leftovers of a run that died
    List<Unit> todo = ledger.todo(options.models().stream().map(ModelRef::of).toList(), rowsPerSplit.keySet());
    int skipped = options.models().size() * rowsPerSplit.size() - todo.size();
    if (skipped > 0) {
      LOG.info("skipped {} finished units of {}; {} to do", skipped, skipped + todo.size(), todo.size());
      System.err.printf("xent score: skipped %d finished units of %d; %d to do%n",
          skipped, skipped + todo.size(), todo.size());
    }

    long rowsToDo = todo.stream().mapToLong(u -> rowsPerSplit.get(u.split())).sum();
    ScoreProgress progress = new ScoreProgress(spark.sparkContext(), todo.size(), rowsToDo);
    try {
      pipeline.run(todo, progress);
    } finally {
      progress.close();
    }
    ScoreSummary summary = ScoreSummary.of(options.models().stream().map(ModelSpec::name).toList(), ledger,
        totalRows);
    folder.write(folder.summary(), summary.toJson());
    return summary;
  }

  /** Per model: the metric settings, the reference model and its own broadcast of DC-PDD's counts. */
  private Map<String, MetricColumns> metricColumns() throws IOException {
    Map<String, MetricColumns> columns = new java.util.HashMap<>();
    ModelRef reference = options.reference() == null ? null : ModelRef.of(options.reference());
    for (ModelSpec model : options.models()) {
      TokenCountTable counts = options.counts() == null ? null : TokenCountJob.read(spark, options.counts(), model);
      columns.put(model.name(), new MetricColumns(options.metrics(), reference,
          counts == null ? null : JavaSparkContext.fromSparkContext(spark.sparkContext()).broadcast(counts)));
    }
    return columns;
  }

  private static java.nio.file.Path folderOf(ModelSpec model) {
    return java.nio.file.Files.isDirectory(model.path()) ? model.path() : model.path().getParent();
  }

  /**
   * Fails fast, on the driver, on a missing or corrupt model, or a window longer than its
   * context: before any task starts.
   */
  private static void checkModel(ModelSpec model, ScoringOptions scoring) throws IOException {
    Checkpoint checkpoint;
    try {
      checkpoint = Checkpoints.open(model.path());
    } catch (IOException | RuntimeException e) {
      throw new IOException("model " + model + ": " + e.getMessage(), e);
    }
    Scorer.windowLength(model.name(), checkpoint.config().maxPositions(), scoring);
    try (Tokenizer tokenizer = TokenizerFiles.open(folderOf(model), checkpoint.config().vocabSize())) {
      tokenizer.prefixId();
    } catch (IOException | RuntimeException e) {
      throw new IOException("model " + model + ": " + e.getMessage(), e);
    }
  }

  /** One split per 8 MB of input, at least one per core of the cluster. */
  private int derivedSplits() throws IOException {
    Path input = new Path(options.corpus().path());
    FileSystem inputFs = input.getFileSystem(spark.sparkContext().hadoopConfiguration());
    long bytes = 0;
    FileStatus[] matches = inputFs.globStatus(input);
    if (matches != null) {
      for (FileStatus match : matches) {
        bytes += inputFs.getContentSummary(match.getPath()).getLength();
      }
    }
    long bySize = (bytes + BYTES_PER_SPLIT - 1) / BYTES_PER_SPLIT;
    return (int) Math.max(spark.sparkContext().defaultParallelism(), Math.min(bySize, 100_000));
  }
}

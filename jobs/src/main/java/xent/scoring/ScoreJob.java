package xent.scoring;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.xxhash64;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import xent.model.ModelSpec;
import xent.model.checkpoint.Checkpoint;
import xent.model.checkpoint.Checkpoints;
import xent.score.Scorer;
import xent.score.ScoringOptions;
import xent.tokenize.Tokenizer;
import xent.tokenize.TokenizerFiles;

/**
 * The score job: every document of a corpus under every model, as the score table, a rejects
 * table and a summary, in an output folder that a rerun resumes.
 *
 * <pre>
 * OUT/scores/model=M/split=K/   score table (Parquet)
 * OUT/rejects/model=M/split=K/  rejects table (Parquet)
 * OUT/summary.json              per model: rows_in, scored, rejected, tokens, nats/token, ...
 * OUT/_xent/plan.json           what the folder was made with
 * OUT/_xent/lock                the running driver (see {@link ScoreLock}): one run at a time
 * OUT/_xent/documents/split=K/  the corpus, normalised and cut into splits, read once
 * OUT/_xent/units/model=M/split=K.json   commit marker and statistics of each unit
 * </pre>
 *
 * <p>A unit is one (model, split). Its tables are written to a temporary folder by Spark and then
 * renamed into place, the marker last: a run that dies leaves units either committed or absent,
 * and a rerun skips the committed ones, ending with exactly the tables one run would give.
 */
public final class ScoreJob {

  private static final Logger LOG = LoggerFactory.getLogger(ScoreJob.class);

  /** Input bytes per split when the number of splits is derived from the corpus size. */
  private static final long BYTES_PER_SPLIT = 8L << 20;

  private final SparkSession spark;
  private final ScoreJobOptions options;
  private final FileSystem fs;
  private final Path out;
  private final Path meta;

  private ScoreJob(SparkSession spark, ScoreJobOptions options) throws IOException {
    this.spark = spark;
    this.options = options;
    this.out = new Path(options.out());
    this.fs = out.getFileSystem(spark.sparkContext().hadoopConfiguration());
    this.meta = new Path(out, "_xent");
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
    Corpus.check(spark, options.corpus());
    try (ScoreLock lock = ScoreLock.acquire(fs, out); RunLog log = RunLog.to(logFile())) {
      return runLocked();
    }
  }

  /** OUT/_xent/score.log where OUT is on the local file system; null elsewhere (console only). */
  private java.nio.file.Path logFile() {
    if (!"file".equals(fs.getUri().getScheme())) {
      return null;
    }
    java.nio.file.Path file = java.nio.file.Path.of(fs.makeQualified(meta).toUri()).resolve("score.log");
    System.err.println("xent score: log in " + file);
    return file;
  }

  private ScoreSummary runLocked() throws IOException {
    RunPlan plan = plan();
    Path documents = new Path(meta, "documents");
    if (!fs.exists(new Path(documents, "_SUCCESS"))) {
      stage(plan, documents);
    } else {
      LOG.info("reusing the staged documents in {}", documents);
    }
    Map<Integer, Long> rowsPerSplit = rowsPerSplit(documents);
    long totalRows = rowsPerSplit.values().stream().mapToLong(Long::longValue).sum();
    if (totalRows == 0) {
      fs.delete(documents, true); // a rerun after the corpus is filled stages it again
      throw new IllegalArgumentException("corpus " + plan.corpus().path() + " holds no documents");
    }

    fs.delete(new Path(meta, "tmp"), true); // leftovers of a run that died
    List<Unit> todo = new ArrayList<>();
    int skipped = 0;
    for (ModelSpec model : options.models()) {
      for (int split : rowsPerSplit.keySet()) {
        if (fs.exists(marker(model.name(), split))) {
          skipped++;
        } else {
          todo.add(new Unit(ModelRef.of(model), split));
        }
      }
    }
    if (skipped > 0) {
      LOG.info("skipped {} finished units of {}; {} to do", skipped, skipped + todo.size(), todo.size());
      System.err.printf("xent score: skipped %d finished units of %d; %d to do%n",
          skipped, skipped + todo.size(), todo.size());
    }

    long rowsToDo = todo.stream().mapToLong(u -> rowsPerSplit.get(u.split)).sum();
    ScoreProgress progress = new ScoreProgress(spark.sparkContext(), todo.size(), rowsToDo);
    try {
      runUnits(todo, documents, progress);
    } finally {
      progress.close();
    }
    ScoreSummary summary = summarise(totalRows);
    write(new Path(out, "summary.json"), summary.toJson());
    return summary;
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
    java.nio.file.Path folder = java.nio.file.Files.isDirectory(model.path())
        ? model.path() : model.path().getParent();
    try (Tokenizer tokenizer = TokenizerFiles.open(folder, checkpoint.config().vocabSize())) {
      tokenizer.prefixId();
    } catch (IOException | RuntimeException e) {
      throw new IOException("model " + model + ": " + e.getMessage(), e);
    }
  }

  /**
   * This run's plan. An earlier plan with the same options is resumed; one with other options is
   * replaced when none of its units finished (a run that failed or was stopped early must not
   * block its corrected rerun), and refused otherwise, naming each option that differs.
   */
  private RunPlan plan() throws IOException {
    Path file = new Path(meta, "plan.json");
    if (options.overwrite()) {
      if (discardEarlierRun()) {
        LOG.info("--overwrite: deleted the earlier run in {}", out);
        System.err.println("xent score: --overwrite: deleted the earlier run in " + out);
      }
    } else if (fs.exists(file)) {
      RunPlan earlier = RunPlan.fromJson(read(file));
      RunPlan asked = new RunPlan(options.corpus(), options.scoring().maxLength(),
          options.scoring().stride(), options.perToken(), earlier.splits());
      List<String> conflicts = asked.conflictsWith(earlier, options.splits());
      if (conflicts.isEmpty()) {
        return earlier;
      }
      long finished = finishedUnits();
      if (finished > 0) {
        throw new IllegalArgumentException(out + " holds " + finished + " finished units of a run"
            + " with other options: " + String.join("; ", conflicts) + ". To resume that run,"
            + " give its options; to keep it, use another --out; to replace it, add --overwrite"
            + " (deletes its scores, rejects and _xent).");
      }
      LOG.info("replacing the unfinished run in {} ({})", out, String.join("; ", conflicts));
      System.err.println("xent score: " + out + " holds a run with other options ("
          + String.join("; ", conflicts) + ") that finished no unit; starting afresh");
      discardEarlierRun();
    }
    int splits = options.splits() > 0 ? options.splits() : derivedSplits();
    RunPlan plan = new RunPlan(options.corpus(), options.scoring().maxLength(),
        options.scoring().stride(), options.perToken(), splits);
    write(file, plan.toJson());
    return plan;
  }

  private long finishedUnits() throws IOException {
    Path units = new Path(meta, "units");
    long n = 0;
    if (fs.exists(units)) {
      for (var files = fs.listFiles(units, true); files.hasNext(); ) {
        if (files.next().getPath().getName().endsWith(".json")) {
          n++;
        }
      }
    }
    return n;
  }

  /** Deletes what a run leaves in OUT, except the lock this run holds; false when none was there. */
  private boolean discardEarlierRun() throws IOException {
    boolean any = false;
    for (String name : List.of("scores", "rejects", "summary.json")) {
      any |= fs.delete(new Path(out, name), true);
    }
    if (fs.exists(meta)) {
      for (FileStatus entry : fs.listStatus(meta)) {
        if (!entry.getPath().getName().equals("lock")) {
          any |= fs.delete(entry.getPath(), true);
        }
      }
    }
    return any;
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

  /** Reads the corpus once and writes it cut into splits by a hash of the document id. */
  private void stage(RunPlan plan, Path documents) {
    LOG.info("staging the corpus into {} splits", plan.splits());
    Dataset<Row> corpus = Corpus.read(spark, plan.corpus());
    corpus.withColumn("split", pmod(xxhash64(col("doc_id")), lit(plan.splits())).cast("int"))
        .write()
        .mode(SaveMode.Overwrite)
        .partitionBy("split")
        .parquet(documents.toString());
  }

  private Map<Integer, Long> rowsPerSplit(Path documents) {
    Map<Integer, Long> rows = new TreeMap<>();
    // The schema is given: an empty corpus stages no Parquet file to infer it from.
    StructType staged = Corpus.SCHEMA.add("split", DataTypes.IntegerType, false);
    for (Row r : spark.read().schema(staged).parquet(documents.toString())
        .groupBy("split").count().collectAsList()) {
      rows.put(r.getInt(0), r.getLong(1));
    }
    return rows;
  }

  /** One (model, split). */
  private record Unit(ModelRef model, int split) {}

  /** Runs units concurrently, as many as the cluster has cores, each as its own Spark jobs. */
  private void runUnits(List<Unit> units, Path documents, ScoreProgress progress)
      throws IOException {
    if (units.isEmpty()) {
      return;
    }
    int parallel = Math.max(1, Math.min(units.size(), spark.sparkContext().defaultParallelism()));
    ExecutorService pool = Executors.newFixedThreadPool(parallel);
    try {
      List<Future<?>> running = new ArrayList<>();
      for (Unit unit : units) {
        running.add(pool.submit(() -> {
          runUnit(unit, documents, progress);
          return null;
        }));
      }
      for (Future<?> f : running) {
        f.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof IOException io) {
        throw io;
      }
      throw new IllegalStateException("a unit failed: " + e.getCause().getMessage(), e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }

  private void runUnit(Unit unit, Path documents, ScoreProgress progress) throws IOException {
    String model = unit.model.name();
    long start = System.nanoTime();
    spark.sparkContext().setJobGroup("xent-" + model + "-" + unit.split,
        "xent score: " + model + ", split " + unit.split, false);
    boolean perToken = options.perToken();
    Dataset<Row> docs = spark.read().parquet(documents.toString())
        .where(col("split").equalTo(unit.split))
        .drop("split")
        .sortWithinPartitions("n_bytes"); // similar lengths together: less padding
    Dataset<Row> results = docs.mapPartitions(
        new ScorePartition(unit.model, options.scoring(), perToken, progress.documents(),
            progress.tokens()),
        Encoders.row(ScoreTable.resultSchema(perToken)));
    results = results.persist(StorageLevel.MEMORY_AND_DISK());
    try {
      Path tmp = new Path(meta, "tmp/" + UUID.randomUUID());
      Path tmpScores = new Path(tmp, "scores");
      Path tmpRejects = new Path(tmp, "rejects");
      List<String> scoreColumns = List.of(ScoreTable.schema(perToken).fieldNames());
      results.where(col("reason").isNull())
          .selectExpr(scoreColumns.toArray(String[]::new))
          .write().parquet(tmpScores.toString());
      results.where(col("reason").isNotNull())
          .select(col("doc_id"), col("source"), col("reason"))
          .write().parquet(tmpRejects.toString());
      Row totals = results.agg(
          count(lit(1)),
          sum(when(col("reason").isNull(), 1).otherwise(0)),
          sum(col("n_tokens")), sum(col("n_bytes")), sum(col("logprob"))).first();
      long rowsIn = totals.getLong(0);
      long scored = totals.isNullAt(1) ? 0 : totals.getLong(1);
      UnitStats stats = new UnitStats(model, unit.split, rowsIn, scored, rowsIn - scored,
          totals.isNullAt(2) ? 0 : totals.getLong(2), totals.isNullAt(3) ? 0 : totals.getLong(3),
          totals.isNullAt(4) ? 0.0 : totals.getDouble(4), (System.nanoTime() - start) / 1e9);
      commit(unit, tmpScores, tmpRejects, stats);
      progress.unitDone();
      fs.delete(tmp, true);
    } finally {
      results.unpersist();
    }
  }

  /** Moves a unit's tables into place, then writes its marker: the marker is the commit. */
  private void commit(Unit unit, Path scores, Path rejects, UnitStats stats) throws IOException {
    String model = unit.model.name();
    String part = "model=" + model + "/split=" + unit.split;
    replace(rejects, new Path(out, "rejects/" + part));
    replace(scores, new Path(out, "scores/" + part));
    Path marker = marker(model, unit.split);
    Path pending = marker.suffix(".pending");
    write(pending, stats.toJson());
    if (!fs.rename(pending, marker)) {
      throw new IOException("cannot commit unit " + part + ": rename to " + marker + " failed");
    }
    LOG.info("committed unit {}: {} scored, {} rejected", part, stats.scored(), stats.rejected());
  }

  private void replace(Path from, Path to) throws IOException {
    fs.delete(to, true);
    fs.mkdirs(to.getParent());
    if (!fs.rename(from, to)) {
      throw new IOException("cannot move " + from + " to " + to);
    }
  }

  private Path marker(String model, int split) {
    return new Path(meta, "units/model=" + model + "/split=" + split + ".json");
  }

  /** Totals per model from the units' markers (small: one file per unit). */
  /**
   * Totals of every model with committed units in OUT: this run's models first, then those that
   * earlier runs into the same folder scored (one run per model, as Airflow's tasks do, still
   * leaves one summary of the whole table).
   */
  private ScoreSummary summarise(long rowsPerModel) throws IOException {
    List<String> names = new ArrayList<>(options.models().stream().map(ModelSpec::name).toList());
    Path units = new Path(meta, "units");
    if (fs.exists(units)) {
      List<String> earlier = new ArrayList<>();
      for (FileStatus dir : fs.listStatus(units)) {
        String name = dir.getPath().getName();
        if (dir.isDirectory() && name.startsWith("model=") && !names.contains(name.substring(6))) {
          earlier.add(name.substring(6));
        }
      }
      earlier.sort(null);
      names.addAll(earlier);
    }
    Map<String, UnitStats> totals = new TreeMap<>();
    for (String model : names) {
      Path dir = new Path(units, "model=" + model);
      if (!fs.exists(dir)) {
        continue;
      }
      for (FileStatus f : fs.listStatus(dir)) {
        if (f.getPath().getName().endsWith(".json")) {
          UnitStats unit = UnitStats.fromJson(read(f.getPath()));
          totals.merge(model, unit, UnitStats::plus);
        }
      }
    }
    return ScoreSummary.of(names, totals, rowsPerModel);
  }

  private String read(Path file) throws IOException {
    try (var in = fs.open(file)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private void write(Path file, String text) throws IOException {
    try (FSDataOutputStream stream = fs.create(file, true)) {
      stream.write(text.getBytes(StandardCharsets.UTF_8));
    }
  }
}

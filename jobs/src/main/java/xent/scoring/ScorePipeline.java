package xent.scoring;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.xxhash64;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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
import xent.detect.MetricSettings;
import xent.score.ScoringOptions;
import xent.scoring.UnitLedger.Unit;

/**
 * The Spark side of the score job: the corpus staged once into splits by a hash of the document
 * id, then each unit (model, split) scored inside {@code mapPartitions}, its score and rejects
 * tables written to a temporary folder and handed to the ledger to commit.
 */
final class ScorePipeline {

  private static final Logger LOG = LoggerFactory.getLogger(ScorePipeline.class);

  private final SparkSession spark;
  private final ScoreFolder folder;
  private final UnitLedger ledger;
  private final ScoringOptions scoring;
  private final boolean perToken;
  private final MetricSettings metrics;
  private final Map<String, MetricColumns> columnsByModel;

  /**
   * @param columnsByModel what each model's tasks need for the metric columns; a model absent
   *     from it has none
   */
  ScorePipeline(SparkSession spark, ScoreFolder folder, UnitLedger ledger, ScoringOptions scoring,
      boolean perToken, MetricSettings metrics, Map<String, MetricColumns> columnsByModel) {
    this.spark = spark;
    this.folder = folder;
    this.ledger = ledger;
    this.scoring = scoring;
    this.perToken = perToken;
    this.metrics = metrics;
    this.columnsByModel = Map.copyOf(columnsByModel);
  }

  /** A pipeline without metric columns. */
  ScorePipeline(SparkSession spark, ScoreFolder folder, UnitLedger ledger, ScoringOptions scoring,
      boolean perToken) {
    this(spark, folder, ledger, scoring, perToken, MetricSettings.NONE, Map.of());
  }

  /** Reads the corpus once and writes it cut into splits by a hash of the document id. */
  void stage(RunPlan plan) {
    LOG.info("staging the corpus into {} splits", plan.splits());
    Dataset<Row> corpus = Corpus.read(spark, plan.corpus());
    corpus.withColumn("split", pmod(xxhash64(col("doc_id")), lit(plan.splits())).cast("int"))
        .write()
        .mode(SaveMode.Overwrite)
        .partitionBy("split")
        .parquet(folder.documents().toString());
  }

  /** Staged documents per split, by split; splits without documents are absent. */
  Map<Integer, Long> rowsPerSplit() {
    Map<Integer, Long> rows = new TreeMap<>();
    // The schema is given: an empty corpus stages no Parquet file to infer it from.
    StructType staged = Corpus.SCHEMA.add("split", DataTypes.IntegerType, false);
    for (Row r : spark.read().schema(staged).parquet(folder.documents().toString())
        .groupBy("split").count().collectAsList()) {
      rows.put(r.getInt(0), r.getLong(1));
    }
    return rows;
  }

  /** Runs units concurrently, as many as the cluster has cores, each as its own Spark jobs. */
  void run(List<Unit> units, ScoreProgress progress) throws IOException {
    if (units.isEmpty()) {
      return;
    }
    int parallel = Math.max(1, Math.min(units.size(), spark.sparkContext().defaultParallelism()));
    ExecutorService pool = Executors.newFixedThreadPool(parallel);
    try {
      List<Future<?>> running = new ArrayList<>();
      for (Unit unit : units) {
        running.add(pool.submit(() -> {
          run(unit, progress);
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

  private void run(Unit unit, ScoreProgress progress) throws IOException {
    String model = unit.model().name();
    long start = System.nanoTime();
    spark.sparkContext().setJobGroup("xent-" + model + "-" + unit.split(),
        "xent score: " + model + ", split " + unit.split(), false);
    Dataset<Row> docs = spark.read().parquet(folder.documents().toString())
        .where(col("split").equalTo(unit.split()))
        .drop("split")
        .sortWithinPartitions("n_bytes"); // similar lengths together: less padding
    Dataset<Row> results = docs.mapPartitions(
        new ScorePartition(unit.model(), scoring, perToken,
            columnsByModel.getOrDefault(model, MetricColumns.NONE), progress.documents(), progress.tokens()),
        Encoders.row(ScoreTable.resultSchema(perToken, metrics)));
    results = results.persist(StorageLevel.MEMORY_AND_DISK());
    try {
      Path tmp = new Path(folder.tmp(), UUID.randomUUID().toString());
      Path tmpScores = new Path(tmp, "scores");
      Path tmpRejects = new Path(tmp, "rejects");
      List<String> scoreColumns = List.of(ScoreTable.schema(perToken, metrics).fieldNames());
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
      UnitStats stats = new UnitStats(model, unit.split(), rowsIn, scored, rowsIn - scored,
          totals.isNullAt(2) ? 0 : totals.getLong(2), totals.isNullAt(3) ? 0 : totals.getLong(3),
          totals.isNullAt(4) ? 0.0 : totals.getDouble(4), (System.nanoTime() - start) / 1e9);
      ledger.commit(unit, tmpScores, tmpRejects, stats);
      progress.unitDone();
      folder.fs().delete(tmp, true);
    } finally {
      results.unpersist();
    }
  }
}

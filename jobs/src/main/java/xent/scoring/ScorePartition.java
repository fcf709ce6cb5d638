package xent.scoring;

import ai.djl.Device;
import ai.djl.ndarray.types.DataType;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.util.LongAccumulator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import xent.model.ModelCache;
import xent.model.TorchEngine;
import xent.score.ScoringOptions;

/**
 * Scores one partition of the documents table with one model: the model comes from the JVM's
 * {@link ModelCache}, a {@link Scorer} is opened for the task and closed when it completes, and
 * documents are scored in groups so that windows of many documents share batches.
 *
 * <p>Input rows have the columns of {@link xent.scoring.Corpus#SCHEMA}; output rows those of
 * {@link ScoreTable#resultSchema}. A row the corpus rejected stays rejected; a group that fails to
 * score is retried one document at a time so that only the culprit is rejected.
 */
final class ScorePartition implements MapPartitionsFunction<Row, Row> {

  private static final Logger LOG = LoggerFactory.getLogger(ScorePartition.class);

  /**
   * Text per scoring call, in UTF-8 bytes of the token budget: enough windows to fill many
   * batches, so that only the last batch of a group runs part-empty.
   */
  private static final int GROUP_BUDGETS = 32;

  /** And never more documents than this in one call. */
  private static final int GROUP_DOCUMENTS = 4096;

  private final ModelRef model;
  private final ScoringOptions options;
  private final boolean perToken;
  private final MetricColumns columns;
  private final LongAccumulator documents;
  private final LongAccumulator tokens;

  ScorePartition(ModelRef model, ScoringOptions options, boolean perToken, MetricColumns columns,
      LongAccumulator documents, LongAccumulator tokens) {
    this.model = model;
    this.options = options;
    this.perToken = perToken;
    this.columns = columns;
    this.documents = documents;
    this.tokens = tokens;
  }

  @Override
  public Iterator<Row> call(Iterator<Row> input) throws Exception {
    if (!input.hasNext()) {
      return input;
    }
    TaskContext task = TaskContext.get();
    LOG.info("scoring {} of stage {} with model {}", task == null ? "a partition" : "partition "
        + task.partitionId(), task == null ? "?" : task.stageId(), model.name());
    TorchEngine.start(TaskDevice.threads(task));
    Device device = TaskDevice.of(task);
    ModelCache.Lease lease = ModelCache.shared().acquire(model.localSpec(), device, DataType.FLOAT32);
    ModelCache.Lease referenceLease = null;
    DocumentScorer scorer;
    try {
      if (columns.reference() != null) {
        referenceLease = ModelCache.shared().acquire(columns.reference().localSpec(), device, DataType.FLOAT32);
      }
      // Tokens count as each batch finishes, so progress moves inside one long document too.
      scorer = new DocumentScorer(lease.model(), referenceLease == null ? null : referenceLease.model(),
          options, columns.metrics(), columns.counts(), perToken, tokens::add);
    } catch (IOException | RuntimeException e) {
      if (referenceLease != null) {
        referenceLease.close();
      }
      lease.close();
      throw e;
    }
    if (task != null) {
      ModelCache.Lease reference = referenceLease;
      task.addTaskCompletionListener(ctx -> {
        scorer.close();
        if (reference != null) {
          reference.close();
        }
        lease.close();
      });
    }
    return new Iterator<>() {
      private Iterator<Row> group = List.<Row>of().iterator();

      @Override
      public boolean hasNext() {
        if (!group.hasNext() && input.hasNext()) {
          group = scoreGroup(scorer, input).iterator();
        }
        return group.hasNext();
      }

      @Override
      public Row next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        return group.next();
      }
    };
  }

  private List<Row> scoreGroup(DocumentScorer scorer, Iterator<Row> input) {
    List<Row> out = new ArrayList<>();
    List<Row> good = new ArrayList<>();
    long groupBytes = (long) GROUP_BUDGETS * options.tokenBudget() * 4; // ~4 bytes a token
    long bytes = 0;
    while (input.hasNext() && good.size() < GROUP_DOCUMENTS && bytes < groupBytes) {
      Row doc = input.next();
      bytes += (long) doc.getAs("n_bytes");
      String reason = doc.getAs("reject");
      if (reason != null) {
        out.add(ScoreTable.rejected(id(doc), domain(doc), source(doc), reason, width(), perToken));
      } else {
        good.add(doc);
      }
    }
    List<DocumentScorer.Scored> scores;
    try {
      scores = scorer.score(good.stream().map(d -> (String) d.getAs("text")).toList());
    } catch (RuntimeException groupFailed) {
      scores = null;
    }
    for (int i = 0; i < good.size(); i++) {
      Row doc = good.get(i);
      DocumentScorer.Scored score = scores != null ? scores.get(i) : null;
      if (score == null) {
        try {
          score = scorer.score(List.of((String) doc.getAs("text"))).get(0);
        } catch (RuntimeException e) {
          out.add(ScoreTable.rejected(id(doc), domain(doc), source(doc),
              "cannot be scored by " + model.name() + ": " + e.getMessage(), width(), perToken));
          continue;
        }
      }
      out.add(ScoreTable.scored(id(doc), domain(doc), source(doc), score.score(), score.metrics(), perToken));
    }
    documents.add(out.size());
    return out;
  }

  private int width() {
    return columns.metrics().metrics().size();
  }

  private static String id(Row doc) {
    return doc.getAs("doc_id");
  }

  private static String domain(Row doc) {
    return doc.getAs("domain");
  }

  private static String source(Row doc) {
    return doc.getAs("source");
  }
}

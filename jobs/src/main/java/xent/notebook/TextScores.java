package xent.notebook;

import ai.djl.Device;
import ai.djl.ndarray.types.DataType;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.util.LongAccumulator;
import org.apache.spark.util.TaskCompletionListener;
import scala.jdk.javaapi.CollectionConverters;
import xent.model.ModelCache;
import xent.model.TorchEngine;
import xent.score.DocumentScore;
import xent.score.Scorer;

/**
 * Scores one partition of (id, text) rows with one model, a group of texts per scoring call so
 * that their windows share batches; rows come out as {@link Xent#schema}. A null text, or a text
 * the model fails on (found by scoring a failed group one text at a time), becomes a row with
 * null numbers and its reason. The model comes from the JVM's {@link ModelCache}; the scorer is
 * closed when the task completes.
 */
final class TextScores implements MapPartitionsFunction<Row, Row> {

  private static final int GROUP = 64;

  private final String model;
  private final String path;
  private final ScoreOptions options;
  private final LongAccumulator scored;

  TextScores(String model, String path, ScoreOptions options, LongAccumulator scored) {
    this.model = model;
    this.path = path;
    this.options = options;
    this.scored = scored;
  }

  @Override
  public Iterator<Row> call(Iterator<Row> rows) throws Exception {
    if (!rows.hasNext()) {
      return rows;
    }
    TaskContext task = TaskContext.get();
    TorchEngine.start(task.cpus());
    ModelCache.Lease lease = ModelCache.shared().acquire(JobClasses.localSpec(model, path), Device.cpu(), DataType.FLOAT32);
    // Completion listeners run last-added first: the scorer closes before its model's lease.
    task.addTaskCompletionListener((TaskCompletionListener) ctx -> lease.close());
    Scorer scorer = new Scorer(lease.model(), options.scoring());
    task.addTaskCompletionListener((TaskCompletionListener) ctx -> scorer.close());
    scala.collection.Iterator<List<Row>> groups = CollectionConverters.asScala(rows).<Row>grouped(GROUP)
        .map(group -> scoreGroup(scorer, CollectionConverters.asJava(group)));
    return CollectionConverters.asJava(groups.flatMap(CollectionConverters::asScala));
  }

  private List<Row> scoreGroup(Scorer scorer, List<Row> rows) {
    List<String> ids = rows.stream().map(r -> r.getString(0)).toList();
    List<String> texts = rows.stream().map(r -> r.getString(1)).toList();
    List<String> scorable = texts.stream().filter(t -> t != null).toList();
    List<DocumentScore> scores;
    try {
      scores = scorer.scoreTexts(scorable, options.perToken());
    } catch (RuntimeException groupFailed) {
      scores = null;
    }
    List<Row> out = new ArrayList<>();
    int next = 0;
    for (int i = 0; i < ids.size(); i++) {
      String text = texts.get(i);
      if (text == null) {
        out.add(rejected(ids.get(i), "text is null"));
        continue;
      }
      DocumentScore score = scores == null ? null : scores.get(next++);
      try {
        out.add(scored(ids.get(i), score != null ? score : scorer.scoreTexts(List.of(text), options.perToken()).get(0)));
      } catch (RuntimeException e) {
        out.add(rejected(ids.get(i), "cannot be scored by " + model + ": " + e.getMessage()));
      }
    }
    scored.add(scorable.size());
    return out;
  }

  private Row scored(String id, DocumentScore s) {
    List<Object> values = new ArrayList<>(List.of(model, id, s.nTokens(), s.nBytes(), s.nWords(), s.logprob(),
        s.bitsPerByte()));
    if (options.perToken()) {
      float[] logprob = s.tokens().logprob();
      Float[] boxed = new Float[logprob.length];
      for (int t = 0; t < boxed.length; t++) {
        boxed[t] = logprob[t];
      }
      values.add(boxed);
    }
    values.add(null);
    return RowFactory.create(values.toArray());
  }

  private Row rejected(String id, String reason) {
    Object[] values = new Object[options.perToken() ? 9 : 8];
    values[0] = model;
    values[1] = id;
    values[values.length - 1] = reason;
    return RowFactory.create(values);
  }
}

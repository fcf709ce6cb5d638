package xent.scoring;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;
import xent.detect.MetricSettings;
import xent.detect.TokenCounts;
import xent.model.LoadedModel;
import xent.score.DocumentScore;
import xent.score.PairScorer;
import xent.score.PairScores;
import xent.score.Scorer;
import xent.score.ScoringOptions;
import xent.score.TokenScores;

/**
 * One task's scoring of document groups with one model, and with a reference model when the
 * metrics need one: each document's score and its metric values. The reference model is model A
 * of the {@link PairScorer} (Binoculars' observer, Fast-DetectGPT's sampling model), the scored
 * model B, so both run one forward per window and share one pass over the vocabulary tiles.
 */
final class DocumentScorer implements AutoCloseable {

  /** A document's score and its metric values in the settings' column order. */
  record Scored(DocumentScore score, double[] metrics) {}

  private final LoadedModel model;
  private final Scorer single;
  private final PairScorer pair;
  private final MetricSettings metrics;
  private final TokenCounts counts;
  private final boolean perToken;
  private final LongConsumer pairProgress;

  /**
   * @param reference the reference model, or null
   * @param counts DC-PDD's token counts, or null
   * @param progress hears of scored tokens as batches (with a reference model: groups) finish
   */
  DocumentScorer(LoadedModel model, LoadedModel reference, ScoringOptions options, MetricSettings metrics,
      TokenCounts counts, boolean perToken, LongConsumer progress) throws IOException {
    this.model = model;
    this.metrics = metrics;
    this.counts = counts;
    this.perToken = perToken;
    if (reference == null) {
      this.single = new Scorer(model, options, progress::accept);
      this.pair = null;
      this.pairProgress = null;
    } else {
      this.single = null;
      this.pair = new PairScorer(reference, model, options);
      this.pairProgress = progress;
    }
  }

  /** Scores texts, results in input order. */
  List<Scored> score(List<String> texts) {
    if (metrics.isEmpty() && pair == null) { // the plain path: the scorer tokenizes
      return single.scoreTexts(texts, perToken).stream().map(s -> new Scored(s, new double[0])).toList();
    }
    List<int[]> ids = new ArrayList<>(texts.size());
    for (String text : texts) {
      ids.add(model.tokenizer().encode(text));
    }
    List<Scored> out = new ArrayList<>(texts.size());
    if (pair == null) {
      List<TokenScores> scores = single.scoreTokens(ids);
      for (int d = 0; d < texts.size(); d++) {
        out.add(scored(texts.get(d), ids.get(d), scores.get(d), null));
      }
    } else {
      List<PairScores> scores = pair.scoreTokens(ids);
      long tokens = 0;
      for (int d = 0; d < texts.size(); d++) {
        out.add(scored(texts.get(d), ids.get(d), scores.get(d).b(), scores.get(d)));
        tokens += ids.get(d).length;
      }
      pairProgress.accept(tokens);
    }
    return out;
  }

  private Scored scored(String text, int[] ids, TokenScores own, PairScores withReference) {
    return new Scored(DocumentScore.of(text, own, perToken), metrics.scores(text, ids, own, withReference, counts));
  }

  @Override
  public void close() {
    if (single != null) {
      single.close();
    }
    if (pair != null) {
      pair.close();
    }
  }
}

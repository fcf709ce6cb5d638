package xent.scoring;

import java.util.List;
import xent.model.ModelSpec;
import xent.score.ScoringOptions;

/**
 * Everything one score run needs.
 *
 * @param models the models, each scoring every document
 * @param corpus where the documents come from
 * @param out the output folder (any Hadoop file system)
 * @param scoring windows and batching
 * @param perToken whether to keep per-token log-probs, entropies and ranks
 * @param splits units of work per model, 0 to derive from the corpus size
 * @param overwrite whether to delete an earlier run in {@code out} (its scores, rejects and
 *     {@code _xent}) and start afresh, instead of resuming it or refusing other options
 */
public record ScoreJobOptions(
    List<ModelSpec> models, CorpusOptions corpus, String out, ScoringOptions scoring,
    boolean perToken, int splits, boolean overwrite) {

  /** Options that resume an earlier run in {@code out} rather than overwrite it. */
  public ScoreJobOptions(List<ModelSpec> models, CorpusOptions corpus, String out,
      ScoringOptions scoring, boolean perToken, int splits) {
    this(models, corpus, out, scoring, perToken, splits, false);
  }

  public ScoreJobOptions withOverwrite(boolean value) {
    return new ScoreJobOptions(models, corpus, out, scoring, perToken, splits, value);
  }

  public ScoreJobOptions {
    models = List.copyOf(models);
    if (models.isEmpty()) {
      throw new IllegalArgumentException("at least one --model is needed");
    }
    if (models.stream().map(ModelSpec::name).distinct().count() != models.size()) {
      throw new IllegalArgumentException("model names must be unique, found " + models);
    }
    if (splits < 0) {
      throw new IllegalArgumentException("splits must be >= 0, found " + splits);
    }
  }
}

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
 */
public record ScoreJobOptions(
    List<ModelSpec> models, CorpusOptions corpus, String out, ScoringOptions scoring,
    boolean perToken, int splits) {

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

package xent.membership;

import java.util.List;
import xent.detect.DocumentMetric;
import xent.detect.MetricSettings;
import xent.model.ModelSpec;
import xent.score.ScoringOptions;
import xent.scoring.CorpusOptions;

/**
 * A known-member benchmark: documents a model was trained on against documents it never saw.
 *
 * @param models the models, each scoring both sides
 * @param members a corpus of documents every model saw in training
 * @param nonmembers a corpus of documents no model saw (held out)
 * @param perSide documents drawn from each side (fewer where a side has fewer)
 * @param seed the draw's and the bootstrap's seed
 * @param metrics the metrics compared; only membership metrics ({@code loss}, {@code zlib},
 *     {@code mink}, {@code minkpp}, {@code dcpdd}) have a sign convention for membership
 * @param counts DC-PDD's counts folder, or null
 * @param scoring windows and batching
 * @param resamples bootstrap resamples of each AUROC's interval
 * @param out the output folder
 */
public record MembershipOptions(
    List<ModelSpec> models, CorpusOptions members, CorpusOptions nonmembers, int perSide, long seed,
    MetricSettings metrics, String counts, ScoringOptions scoring, int resamples, String out) {

  public MembershipOptions {
    models = List.copyOf(models);
    if (perSide < 2) {
      throw new IllegalArgumentException("--n must be >= 2 documents a side, found " + perSide);
    }
    if (resamples < 1) {
      throw new IllegalArgumentException("--resamples must be >= 1, found " + resamples);
    }
    for (DocumentMetric m : metrics.metrics()) {
      if (m.question() != DocumentMetric.Question.MEMBER) {
        throw new IllegalArgumentException("--metrics " + m.key() + " does not test membership (it asks "
            + m.question().name().toLowerCase(java.util.Locale.ROOT) + "); membership metrics: loss, zlib,"
            + " mink, minkpp, dcpdd");
      }
    }
    if (metrics.isEmpty()) {
      throw new IllegalArgumentException("--metrics names no membership metric");
    }
  }
}

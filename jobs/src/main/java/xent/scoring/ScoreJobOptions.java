package xent.scoring;

import java.util.List;
import xent.detect.MetricSettings;
import xent.model.ModelSpec;
import xent.score.ScoringOptions;

/**
 * Everything one score run needs.
 *
 * @param models the models, each scoring every document
 * @param corpus where the documents come from
 * @param out the output folder (any Hadoop file system)
 * @param scoring windows and batching
 * @param perToken whether to keep per-token log-probs, entropies, variances of log p and ranks
 * @param splits units of work per model, 0 to derive from the corpus size
 * @param overwrite whether to delete an earlier run in {@code out} (its scores, rejects and
 *     {@code _xent}) and start afresh, instead of resuming it or refusing other options
 * @param metrics the per-document metric columns ({@link MetricSettings#NONE}: none)
 * @param reference the reference model of the two-model metrics (Binoculars' observer,
 *     Fast-DetectGPT's sampling model), or null
 * @param counts the output folder of {@code xent counts} for DC-PDD's token frequencies, or null
 */
public record ScoreJobOptions(
    List<ModelSpec> models, CorpusOptions corpus, String out, ScoringOptions scoring,
    boolean perToken, int splits, boolean overwrite, MetricSettings metrics, ModelSpec reference,
    String counts) {

  /** Options without metric columns. */
  public ScoreJobOptions(List<ModelSpec> models, CorpusOptions corpus, String out,
      ScoringOptions scoring, boolean perToken, int splits, boolean overwrite) {
    this(models, corpus, out, scoring, perToken, splits, overwrite, MetricSettings.NONE, null, null);
  }

  /** Options that resume an earlier run in {@code out} rather than overwrite it. */
  public ScoreJobOptions(List<ModelSpec> models, CorpusOptions corpus, String out,
      ScoringOptions scoring, boolean perToken, int splits) {
    this(models, corpus, out, scoring, perToken, splits, false);
  }

  public ScoreJobOptions withOverwrite(boolean value) {
    return new ScoreJobOptions(models, corpus, out, scoring, perToken, splits, value, metrics, reference, counts);
  }

  public ScoreJobOptions withMetrics(MetricSettings value, ModelSpec referenceModel, String countsFolder) {
    return new ScoreJobOptions(models, corpus, out, scoring, perToken, splits, overwrite, value,
        referenceModel, countsFolder);
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
    if (metrics == null) {
      metrics = MetricSettings.NONE;
    }
    if (metrics.needsReference() && reference == null) {
      throw new IllegalArgumentException("--metrics binoculars needs --reference-model NAME=PATH (the"
          + " observer model, sharing the scored models' tokenizer)");
    }
    if (metrics.needsCounts() && counts == null) {
      throw new IllegalArgumentException("--metrics dcpdd needs --counts DIR, the output of 'xent counts'"
          + " on a reference corpus with the scored models' tokenizer");
    }
    if (reference != null && models.stream().anyMatch(m -> m.name().equals(reference.name()))) {
      throw new IllegalArgumentException("--reference-model " + reference.name()
          + " has the name of a scored model; give it another name");
    }
  }

  /**
   * The scoring options the run computes with: moments (entropy, variance of log p, rank in one
   * streaming pass) when a metric or the per-token arrays need them.
   */
  public ScoringOptions engineOptions() {
    return metrics.needsMoments() || perToken || reference != null ? scoring.withMoments(true) : scoring;
  }
}

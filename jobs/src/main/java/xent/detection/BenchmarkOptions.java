package xent.detection;

import java.util.List;
import java.util.Locale;
import xent.detect.DocumentMetric;
import xent.detect.MetricSettings;
import xent.model.ModelSpec;
import xent.score.ScoringOptions;
import xent.scoring.CorpusOptions;

/**
 * A two-sided detection benchmark: documents that are "yes" for the question (members of the
 * training data, machine-written) against documents that are "no".
 *
 * @param question what the metrics should detect; every metric must ask it
 * @param models the models, each scoring both sides
 * @param positives the "yes" corpus (members; machine texts)
 * @param negatives the "no" corpus (held out; human texts)
 * @param domain only documents of this domain on both sides, or null for all
 * @param perSide documents drawn from each side (fewer where a side has fewer)
 * @param seed the draw's and the bootstrap's seed
 * @param metrics the metrics compared
 * @param reference the reference model of the two-model metrics, or null
 * @param counts DC-PDD's counts folder, or null
 * @param scoring windows and batching
 * @param resamples bootstrap resamples of each AUROC's interval
 * @param out the output folder (local file system)
 */
public record BenchmarkOptions(
    DocumentMetric.Question question, List<ModelSpec> models, CorpusOptions positives,
    CorpusOptions negatives, String domain, int perSide, long seed, MetricSettings metrics, ModelSpec reference,
    String counts, ScoringOptions scoring, int resamples, String out) {

  public BenchmarkOptions {
    models = List.copyOf(models);
    if (question == DocumentMetric.Question.COMPRESSION) {
      throw new IllegalArgumentException("compression is measured, not detected: no benchmark");
    }
    if (perSide < 2) {
      throw new IllegalArgumentException("--n must be >= 2 documents a side, found " + perSide);
    }
    if (resamples < 1) {
      throw new IllegalArgumentException("--resamples must be >= 1, found " + resamples);
    }
    if (metrics.isEmpty()) {
      throw new IllegalArgumentException("--metrics names no metric");
    }
    for (DocumentMetric m : metrics.metrics()) {
      if (m.question() != question) {
        throw new IllegalArgumentException("--metrics " + m.key() + " does not detect " + name(question)
            + " (it asks " + name(m.question()) + "); metrics that do: " + keys(question));
      }
    }
  }

  /** "membership" or "machine" (file names and messages). */
  public String name() {
    return name(question);
  }

  private static String name(DocumentMetric.Question question) {
    return question == DocumentMetric.Question.MEMBER ? "membership" : question.name().toLowerCase(Locale.ROOT);
  }

  private static String keys(DocumentMetric.Question question) {
    return MetricSettings.keys(java.util.Arrays.stream(DocumentMetric.values())
        .filter(m -> m.question() == question).toList());
  }
}

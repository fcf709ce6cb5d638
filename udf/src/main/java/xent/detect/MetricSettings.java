package xent.detect;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import xent.score.PairScores;
import xent.score.TokenScores;

/**
 * Which per-document metrics a score run computes, with each metric's parameters: the
 * {@code --metrics} list and its options. Holds the rule of what each metric needs from the
 * engine (moments, a reference model, a counted corpus), and computes the selected metrics of one
 * scored document.
 *
 * @param metrics the metrics in column order, no repeats
 * @param mink Min-K% Prob's k
 * @param minkpp Min-K%++'s k and epsilon
 * @param dcpdd DC-PDD's cap a
 * @param zlib the zlib ratio's compression level
 */
public record MetricSettings(
    List<DocumentMetric> metrics, MinK mink, MinKPlusPlus minkpp, DcPdd dcpdd, ZlibRatio zlib)
    implements Serializable {

  /** No metric: the score table's columns as before metrics. */
  public static final MetricSettings NONE =
      new MetricSettings(List.of(), MinK.DEFAULT, MinKPlusPlus.DEFAULT, DcPdd.DEFAULT, ZlibRatio.DEFAULT);

  public MetricSettings {
    metrics = List.copyOf(metrics);
    if (Set.copyOf(metrics).size() != metrics.size()) {
      throw new IllegalArgumentException("--metrics lists a metric twice: " + keys(metrics));
    }
  }

  /** The metrics of a comma-separated {@code --metrics} list, with default parameters. */
  public static MetricSettings of(String keys) {
    List<DocumentMetric> metrics = new ArrayList<>();
    for (String key : keys.split(",")) {
      if (!key.isBlank()) {
        metrics.add(DocumentMetric.ofKey(key));
      }
    }
    return NONE.withMetrics(metrics);
  }

  public MetricSettings withMetrics(List<DocumentMetric> value) {
    return new MetricSettings(value, mink, minkpp, dcpdd, zlib);
  }

  public MetricSettings withMink(MinK value) {
    return new MetricSettings(metrics, value, minkpp, dcpdd, zlib);
  }

  public MetricSettings withMinkpp(MinKPlusPlus value) {
    return new MetricSettings(metrics, mink, value, dcpdd, zlib);
  }

  public MetricSettings withDcpdd(DcPdd value) {
    return new MetricSettings(metrics, mink, minkpp, value, zlib);
  }

  public MetricSettings withZlib(ZlibRatio value) {
    return new MetricSettings(metrics, mink, minkpp, dcpdd, value);
  }

  public boolean isEmpty() {
    return metrics.isEmpty();
  }

  /** Whether a metric needs the entropy and variance of log p at each position. */
  public boolean needsMoments() {
    return metrics.stream().anyMatch(m -> m == DocumentMetric.MINKPP || m == DocumentMetric.FASTDETECT
        || m == DocumentMetric.ZEROSHOT || m == DocumentMetric.BINOCULARS);
  }

  /** Whether a metric can only be computed with a reference model (Binoculars' observer). */
  public boolean needsReference() {
    return metrics.contains(DocumentMetric.BINOCULARS);
  }

  /** Whether a metric needs token frequencies of a counted reference corpus (DC-PDD). */
  public boolean needsCounts() {
    return metrics.contains(DocumentMetric.DCPDD);
  }

  /**
   * Every selected metric of one document, in {@link #metrics()} order; NaN where the document
   * has no scored token.
   *
   * @param text the document
   * @param ids its scored token ids (no prefix token), aligned with the scores
   * @param own the scored model's per-token values, with moments when {@link #needsMoments()}
   * @param pair the pass with a reference model A (the scored model is B), or null without one:
   *     Fast-DetectGPT then takes the scored model as its own reference
   * @param counts the reference corpus's token counts, or null when DC-PDD is not selected
   */
  public double[] scores(String text, int[] ids, TokenScores own, PairScores pair, TokenCounts counts) {
    double[] out = new double[metrics.size()];
    float[] lp = own.logprob();
    for (int i = 0; i < out.length; i++) {
      out[i] = switch (metrics.get(i)) {
        case LOSS -> Loss.score(lp);
        case ZLIB -> zlib.score(lp, text);
        case MINK -> mink.score(lp);
        case MINKPP -> minkpp.score(lp, own.entropy(), own.logprobVar());
        case DCPDD -> dcpdd.score(ids, lp, required(counts, "dcpdd", "token counts"));
        case FASTDETECT -> pair == null
            ? FastDetectGpt.score(lp, own.entropy(), own.logprobVar())
            : FastDetectGpt.scoreWithReference(lp, pair.crossLogprob(), pair.crossVar());
        case BINOCULARS -> Binoculars.score(lp, required(pair, "binoculars", "a reference model").crossLogprob());
        case ZEROSHOT -> ZeroShotTest.score(lp, own.entropy());
        case LLMZIP -> LlmZipBound.bitsPerCharacter(lp, text);
      };
    }
    return out;
  }

  private static <T> T required(T value, String metric, String what) {
    if (value == null) {
      throw new IllegalArgumentException(metric + " needs " + what);
    }
    return value;
  }

  /** The keys as {@code --metrics} takes them. */
  public static String keys(List<DocumentMetric> metrics) {
    return metrics.stream().map(DocumentMetric::key).collect(Collectors.joining(","));
  }

  /** Each metric with its parameters, for a run's plan: two runs agree when these agree. */
  public String describe() {
    return metrics.stream().map(m -> switch (m) {
      case MINK -> "mink(k=" + mink.k() + ")";
      case MINKPP -> "minkpp(k=" + minkpp.k() + ",epsilon=" + minkpp.epsilon() + ")";
      case DCPDD -> "dcpdd(a=" + dcpdd.a() + ")";
      case ZLIB -> "zlib(level=" + zlib.level() + ")";
      default -> m.key();
    }).collect(Collectors.joining(",")).toLowerCase(Locale.ROOT);
  }
}

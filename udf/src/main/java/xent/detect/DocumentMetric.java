package xent.detect;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The per-document metrics a score table can carry, one column each named by its {@link #key()},
 * with the question each answers and which way is "yes". One place for the sign conventions, so a
 * benchmark that ranks documents by a metric never has to know its paper: it orients every metric
 * by {@link #towardsYes(double)}.
 */
public enum DocumentMetric {
  LOSS("loss", Question.MEMBER, true, "mean log-likelihood per token (Yeom et al. 2018)"),
  ZLIB("zlib", Question.MEMBER, true, "mean log-likelihood over zlib-compressed bytes (Carlini et al. 2021)"),
  MINK("mink", Question.MEMBER, true, "Min-K% Prob (Shi et al. 2023)"),
  MINKPP("minkpp", Question.MEMBER, true, "Min-K%++ (Zhang et al. 2024)"),
  DCPDD("dcpdd", Question.MEMBER, true, "DC-PDD (Zhang et al. 2024)"),
  FASTDETECT("fastdetect", Question.MACHINE, true, "Fast-DetectGPT, analytic (Bao et al. 2024)"),
  BINOCULARS("binoculars", Question.MACHINE, false, "Binoculars (Hans et al. 2024)"),
  ZEROSHOT("zeroshot", Question.MACHINE, false, "zero-shot likelihood test (Radvand et al.)"),
  LLMZIP("llmzip", Question.COMPRESSION, false, "LLMZip entropy bound, bits per character (Valmeekam et al. 2023)");

  /** What a metric's score is evidence of. */
  public enum Question {
    /** The document was in the model's training data. */
    MEMBER,
    /** The document was written by a language model. */
    MACHINE,
    /** How well the model compresses the text (lower = more compressible). */
    COMPRESSION
  }

  private final String key;
  private final Question question;
  private final boolean higherMeansYes;
  private final String source;

  DocumentMetric(String key, Question question, boolean higherMeansYes, String source) {
    this.key = key;
    this.question = question;
    this.higherMeansYes = higherMeansYes;
    this.source = source;
  }

  /** The column name and the {@code --metrics} key. */
  public String key() {
    return key;
  }

  public Question question() {
    return question;
  }

  /** True when a higher score means "member" or "machine" (for COMPRESSION: less compressible). */
  public boolean higherMeansYes() {
    return higherMeansYes;
  }

  /** The paper the metric comes from. */
  public String source() {
    return source;
  }

  /** The score oriented so that higher always means "yes" (member, machine). */
  public double towardsYes(double score) {
    return higherMeansYes ? score : -score;
  }

  /** The metric of a {@code --metrics} key, refused with the list of keys when unknown. */
  public static DocumentMetric ofKey(String key) {
    String wanted = key.trim().toLowerCase(Locale.ROOT);
    for (DocumentMetric metric : values()) {
      if (metric.key.equals(wanted)) {
        return metric;
      }
    }
    throw new IllegalArgumentException("unknown metric '" + key + "'; known: "
        + Arrays.stream(values()).map(DocumentMetric::key).collect(Collectors.joining(",")));
  }
}

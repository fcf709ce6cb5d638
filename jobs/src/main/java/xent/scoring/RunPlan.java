package xent.scoring;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * What a run's output folder was made with. A rerun into the same folder must ask for the same
 * documents and the same scoring, or its table would mix two runs; models may be added.
 *
 * @param corpus the corpus options
 * @param maxLength window length (0: each model's context)
 * @param stride window stride (0: disjoint)
 * @param perToken whether per-token arrays are written
 * @param splits number of splits of the documents table
 * @param metrics the metric columns with their parameters ({@code MetricSettings.describe}),
 *     empty for none
 * @param reference the reference model as NAME=PATH, empty for none
 * @param counts the token-count folder of DC-PDD, empty for none
 */
public record RunPlan(CorpusOptions corpus, int maxLength, int stride, boolean perToken, int splits,
    String metrics, String reference, String counts) {

  /** A plan without metric columns. */
  public RunPlan(CorpusOptions corpus, int maxLength, int stride, boolean perToken, int splits) {
    this(corpus, maxLength, stride, perToken, splits, "", "", "");
  }

  /** The plan of {@code options} with {@code splits}. */
  static RunPlan of(ScoreJobOptions options, int splits) {
    return new RunPlan(options.corpus(), options.scoring().maxLength(), options.scoring().stride(),
        options.perToken(), splits, options.metrics().describe(),
        options.reference() == null ? "" : options.reference().name() + "=" + options.reference().path(),
        options.counts() == null ? "" : options.counts());
  }

  public RunPlan {
    // plans written before metric columns existed have none of these fields
    metrics = metrics == null ? "" : metrics;
    reference = reference == null ? "" : reference;
    counts = counts == null ? "" : counts;
  }

  private static final Gson GSON = new GsonBuilder().setPrettyPrinting().create();

  public String toJson() {
    return GSON.toJson(this);
  }

  public static RunPlan fromJson(String json) {
    return GSON.fromJson(json, RunPlan.class);
  }

  /**
   * Differences that forbid resuming a folder planned as {@code earlier}, empty when none: one
   * entry per option, naming it as the command line does, with both values.
   *
   * @param splitsAsked the --splits asked for, 0 when left to the folder
   */
  List<String> conflictsWith(RunPlan earlier, int splitsAsked) {
    List<String> conflicts = new ArrayList<>();
    CorpusOptions was = earlier.corpus;
    differs(conflicts, "--corpus", corpus.path(), was.path());
    differs(conflicts, "--format", corpus.format(), was.format());
    differs(conflicts, "--text-col", corpus.textCol(), was.textCol());
    differs(conflicts, "--id-col", corpus.idCol(), was.idCol());
    differs(conflicts, "--domain-col", corpus.domainCol(), was.domainCol());
    differs(conflicts, "--limit", corpus.limit(), was.limit());
    differs(conflicts, "--max-length", maxLength, earlier.maxLength);
    differs(conflicts, "--stride", stride, earlier.stride);
    differs(conflicts, "--per-token", perToken, earlier.perToken);
    differs(conflicts, "--metrics", metrics, earlier.metrics);
    differs(conflicts, "--reference-model", reference, earlier.reference);
    differs(conflicts, "--counts", counts, earlier.counts);
    if (splitsAsked > 0) {
      differs(conflicts, "--splits", splitsAsked, earlier.splits);
    }
    return conflicts;
  }

  private static void differs(List<String> conflicts, String option, Object asked, Object was) {
    if (!Objects.equals(asked, was)) {
      conflicts.add(option + " " + shown(asked) + " (was " + shown(was) + ")");
    }
  }

  private static String shown(Object value) {
    if (value == null || "".equals(value)) {
      return "not given";
    }
    return value instanceof Enum<?> e ? e.name().toLowerCase(Locale.ROOT) : value.toString();
  }
}

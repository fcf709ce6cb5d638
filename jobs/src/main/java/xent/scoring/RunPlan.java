package xent.scoring;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import java.util.ArrayList;
import java.util.List;
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
 */
public record RunPlan(CorpusOptions corpus, int maxLength, int stride, boolean perToken, int splits) {

  private static final Gson GSON = new GsonBuilder().setPrettyPrinting().create();

  public String toJson() {
    return GSON.toJson(this);
  }

  public static RunPlan fromJson(String json) {
    return GSON.fromJson(json, RunPlan.class);
  }

  /** Differences that forbid reusing a folder planned as {@code earlier}, empty when none. */
  List<String> conflictsWith(RunPlan earlier) {
    List<String> conflicts = new ArrayList<>();
    if (!Objects.equals(corpus, earlier.corpus)) {
      conflicts.add("corpus " + corpus + " (was " + earlier.corpus + ")");
    }
    if (maxLength != earlier.maxLength) {
      conflicts.add("max length " + maxLength + " (was " + earlier.maxLength + ")");
    }
    if (stride != earlier.stride) {
      conflicts.add("stride " + stride + " (was " + earlier.stride + ")");
    }
    if (perToken != earlier.perToken) {
      conflicts.add("per-token " + perToken + " (was " + earlier.perToken + ")");
    }
    return conflicts;
  }
}

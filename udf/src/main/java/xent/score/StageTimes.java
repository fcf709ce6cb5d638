package xent.score;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Where a scorer's wall time goes, stage by stage, summed over its calls. On CPU every engine op
 * has finished when it returns (PyTorch runs eagerly on the calling thread), so a timer around a
 * stage measures that stage; on a GPU the copy back waits for the kernels queued before it, and
 * the forward and head times move into "copy back".
 */
public final class StageTimes {

  /** The stages of scoring, in the order they run. */
  public enum Stage {
    TOKENISE("tokenise"),
    WINDOWS("windows and batches"),
    FORWARD("forward"),
    HEAD("head and log-softmax"),
    COPY("copy back");

    private final String label;

    Stage(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  private final long[] nanos = new long[Stage.values().length];
  private long tokens;
  private long windowTokens;
  private long computedTokens;

  void add(Stage stage, long startNanos) {
    nanos[stage.ordinal()] += System.nanoTime() - startNanos;
  }

  /** A batch: positions scored, real (unpadded) positions in its windows, positions computed. */
  void addBatch(long scored, long inWindows, long computed) {
    tokens += scored;
    windowTokens += inWindows;
    computedTokens += computed;
  }

  public double seconds(Stage stage) {
    return nanos[stage.ordinal()] / 1e9;
  }

  public double totalSeconds() {
    long sum = 0;
    for (long n : nanos) {
      sum += n;
    }
    return sum / 1e9;
  }

  /** Tokens scored. */
  public long tokens() {
    return tokens;
  }

  /** Token positions the engine computed, padding included (rows x longest window of each batch). */
  public long computedTokens() {
    return computedTokens;
  }

  /** Share of computed positions that were padding. */
  public double paddingShare() {
    return computedTokens == 0 ? 0 : 1 - (double) windowTokens / computedTokens;
  }

  /** One line: every stage's seconds and share of the total, tokens/s and padding. */
  public String summary() {
    double total = totalSeconds();
    List<String> parts = new ArrayList<>();
    for (Stage s : Stage.values()) {
      parts.add(String.format(Locale.ROOT, "%s %.2f s (%.0f%%)", s.label(), seconds(s),
          total > 0 ? 100 * seconds(s) / total : 0));
    }
    return String.format(Locale.ROOT, "%,d tokens in %.2f s, %.0f tokens/s; %s; padding %.1f%% of %,d computed positions",
        tokens, total, total > 0 ? tokens / total : 0, String.join(", ", parts), 100 * paddingShare(), computedTokens);
  }
}

package xent.cli;

import picocli.CommandLine.Option;
import xent.score.ScoringOptions;

/** The scoring options every scoring command takes: windows and batches. */
public final class WindowOptions {

  @Option(names = "--max-length", defaultValue = "0", paramLabel = "W",
      description = "Most tokens per window (default: the model's context length).")
  int maxLength;

  @Option(names = "--stride", defaultValue = "0", paramLabel = "S",
      description = "Overlapping windows advancing by S tokens (default 0: disjoint windows).")
  int stride;

  @Option(names = "--token-budget", defaultValue = "2048", paramLabel = "N",
      description = "Most padded tokens in one batch (default ${DEFAULT-VALUE}).")
  int tokenBudget;

  /** These options over the defaults. */
  ScoringOptions scoring() {
    return ScoringOptions.DEFAULT.withMaxLength(maxLength).withStride(stride).withTokenBudget(tokenBudget);
  }
}

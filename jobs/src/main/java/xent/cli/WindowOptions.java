package xent.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import xent.score.ScoringOptions;

/**
 * The scoring options every scoring command takes: windows and batches. Its footer, mixed into
 * each command's help, states the window convention.
 */
@Command(footer = {"", WindowOptions.CONVENTION})
public final class WindowOptions {

  static final String CONVENTION =
      "Windows follow lm-evaluation-harness loglikelihood_rolling exactly: the prefix token (BOS,"
          + " else EOS) is context, never scored; the first window predicts W tokens, each later"
          + " one the next W (S with --stride) reading the W tokens that end just before its last"
          + " target, so a short last window keeps the context of the window before it.";

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

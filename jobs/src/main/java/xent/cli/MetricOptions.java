package xent.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import xent.detect.DcPdd;
import xent.detect.DocumentMetric;
import xent.detect.MetricSettings;
import xent.detect.MinK;
import xent.detect.MinKPlusPlus;
import xent.detect.ZlibRatio;

/**
 * The per-document metric columns of {@code xent score} and their parameters, with the defaults
 * of ../shared/METRICS.md. {@link #addLegend} adds to the command's help each metric's paper and
 * which way is "yes", from {@link DocumentMetric} itself.
 */
public final class MetricOptions {

  @Option(names = "--metrics", paramLabel = "KEY,...", defaultValue = "",
      description = "Per-document metric columns: loss, zlib, mink, minkpp, dcpdd, fastdetect,"
          + " binoculars, zeroshot, llmzip (default: none). binoculars needs --reference-model,"
          + " dcpdd needs --counts.")
  String metrics;

  @Option(names = "--mink-k", defaultValue = "0.2", paramLabel = "K",
      description = "Min-K%%: fraction of the lowest token log-probs averaged (default ${DEFAULT-VALUE}).")
  double minkK;

  @Option(names = "--minkpp-k", defaultValue = "0.2", paramLabel = "K",
      description = "Min-K%%++: fraction of the lowest standardised log-probs averaged (default ${DEFAULT-VALUE}).")
  double minkppK;

  @Option(names = "--minkpp-epsilon", defaultValue = "1e-6", paramLabel = "E",
      description = "Min-K%%++: floor of each position's standard deviation, nats (default ${DEFAULT-VALUE}).")
  double minkppEpsilon;

  @Option(names = "--dcpdd-a", defaultValue = "0.01", paramLabel = "A",
      description = "DC-PDD: cap of each token's calibrated term (default ${DEFAULT-VALUE}).")
  double dcpddA;

  @Option(names = "--zlib-level", defaultValue = "6", paramLabel = "L",
      description = "zlib ratio: compression level 1-9 (default ${DEFAULT-VALUE}, Python's zlib.compress).")
  int zlibLevel;

  @Option(names = "--vocab-tile", defaultValue = "8192", paramLabel = "N",
      description = "Vocabulary entries per tile of the streaming pass that computes entropies and"
          + " variances (default ${DEFAULT-VALUE}).")
  int vocabTile;

  /** The settings these options give, refused with the option's name when a value is out of range. */
  MetricSettings settings() {
    try {
      return MetricSettings.of(metrics)
          .withMink(new MinK(minkK))
          .withMinkpp(new MinKPlusPlus(minkppK, minkppEpsilon))
          .withDcpdd(new DcPdd(dcpddA))
          .withZlib(new ZlibRatio(zlibLevel));
    } catch (IllegalArgumentException e) {
      throw new InputError("--metrics: " + e.getMessage(), e);
    }
  }

  /** Adds to {@code command}'s help footer one line per metric: key, paper, direction. */
  static void addLegend(CommandSpec command) {
    List<String> footer = new ArrayList<>(List.of(command.usageMessage().footer()));
    footer.add("");
    footer.add("Metrics (--metrics KEY,...; one double column each, named by its key):");
    for (DocumentMetric m : DocumentMetric.values()) {
      String yes = switch (m.question()) {
        case MEMBER -> m.higherMeansYes() ? "higher = more likely a member" : "lower = more likely a member";
        case MACHINE -> m.higherMeansYes() ? "higher = more likely machine-written" : "lower = more likely machine-written";
        case COMPRESSION -> "lower = more compressible";
      };
      // picocli formats footers: a literal % is %%
      footer.add(String.format("  %-11s %s; %s", m.key(), m.source(), yes).replace("%", "%%"));
    }
    command.usageMessage().footer(footer.toArray(String[]::new));
  }
}

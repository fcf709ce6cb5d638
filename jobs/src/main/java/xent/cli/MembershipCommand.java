package xent.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import xent.detect.DocumentMetric;

/** {@code xent membership}: AUROC and TPR at 1% FPR of each membership metric, per model. */
@Command(
    name = "membership",
    mixinStandardHelpOptions = true,
    description = {
        "A known-member benchmark: N documents drawn (seeded) from a corpus the models were trained"
            + " on and N from one they never saw, scored with each membership metric by each model.",
        "Writes OUT/membership.json and .csv (AUROC with its 95% bootstrap interval, TPR at 1% FPR,"
            + " per model and metric), OUT/roc-MODEL.svg, and the two score runs it made."})
public final class MembershipCommand extends BenchmarkCommand {

  @Option(names = "--members", required = true, paramLabel = "PATH_OR_GLOB",
      description = "Documents the models were trained on (any corpus format of xent score).")
  String members;

  @Option(names = "--nonmembers", required = true, paramLabel = "PATH_OR_GLOB",
      description = "Documents none of the models saw.")
  String nonmembers;

  @Option(names = "--metrics", defaultValue = "loss,zlib,mink,minkpp", paramLabel = "KEY,...",
      description = "Membership metrics (default ${DEFAULT-VALUE}; dcpdd needs --counts).")
  String metrics;

  @Override
  DocumentMetric.Question question() {
    return DocumentMetric.Question.MEMBER;
  }

  @Override
  String positives() {
    return members;
  }

  @Override
  String negatives() {
    return nonmembers;
  }

  @Override
  String metrics() {
    return metrics;
  }
}

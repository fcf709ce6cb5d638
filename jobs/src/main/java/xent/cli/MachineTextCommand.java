package xent.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import xent.detect.DocumentMetric;

/** {@code xent machine-text}: AUROC and TPR at 1% FPR of each machine-text detector, per model. */
@Command(
    name = "machine-text",
    mixinStandardHelpOptions = true,
    description = {
        "A machine-text benchmark: N texts drawn (seeded) from machine-written texts (e.g. xent"
            + " sample's OUT/machine) and N human ones (its OUT/human), scored with each detector"
            + " by each model.",
        "Writes OUT/machine.json and .csv (AUROC with its 95% bootstrap interval, TPR at 1% FPR,"
            + " per model and detector), OUT/roc-MODEL.svg, and the two score runs it made."})
public final class MachineTextCommand extends BenchmarkCommand {

  @Option(names = "--machine", required = true, paramLabel = "PATH_OR_GLOB", description = "Machine-written texts.")
  String machine;

  @Option(names = "--human", required = true, paramLabel = "PATH_OR_GLOB", description = "Human-written texts.")
  String human;

  @Option(names = "--metrics", defaultValue = "fastdetect,zeroshot", paramLabel = "KEY,...",
      description = "Detectors (default ${DEFAULT-VALUE}; binoculars needs --reference-model).")
  String metrics;

  @Override
  DocumentMetric.Question question() {
    return DocumentMetric.Question.MACHINE;
  }

  @Override
  String positives() {
    return machine;
  }

  @Override
  String negatives() {
    return human;
  }

  @Override
  String metrics() {
    return metrics;
  }
}

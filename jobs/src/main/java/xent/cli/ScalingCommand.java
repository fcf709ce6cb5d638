package xent.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code xent scaling}: scaling-law datasets and fits. */
@Command(
    name = "scaling",
    mixinStandardHelpOptions = true,
    description = "Scaling-law datasets from score tables, and fits of scaling laws.",
    subcommands = {DatasetCommand.class, FitCommand.class})
public final class ScalingCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}

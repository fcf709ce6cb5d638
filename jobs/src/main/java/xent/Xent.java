package xent;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import xent.cli.LogprobCommand;

/** The {@code xent} command line: one subcommand per job. */
@Command(
    name = "xent",
    mixinStandardHelpOptions = true,
    version = "xent 0.1.0",
    description = "Score text corpora with causal language models.",
    subcommands = {LogprobCommand.class})
public final class Xent implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(new CommandLine(new Xent()).execute(args));
  }

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}

package xent.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import xent.bench.BenchCommand;
import xent.demo.DemoCommand;
import xent.scaling.ScalingCommand;

/** The {@code xent} command line (bin/xent): one subcommand per job. */
@Command(
    name = "xent",
    mixinStandardHelpOptions = true,
    version = "xent 0.1.0",
    description = "Score text corpora with causal language models.",
    subcommands = {LogprobCommand.class, ScoreCommand.class, CorporaCommand.class, TrainCommand.class,
        TrainGridCommand.class, BenchCommand.class, ScalingCommand.class, MapCommand.class,
        TextsetCommand.class, MixtureCommand.class, DemoCommand.class})
public final class Main implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    CommandLine cli = commandLine();
    try {
      ConfigFile.apply(cli, args);
    } catch (CommandLine.ParameterException e) {
      System.err.println("xent: " + e.getMessage());
      System.exit(2);
    }
    System.exit(cli.execute(args));
  }

  /** The parser every entry point uses (bin/xent, spark-submit, the Airflow DAG's check, xent demo's steps). */
  public static CommandLine commandLine() {
    return new CommandLine(new Main()).setCaseInsensitiveEnumValuesAllowed(true);
  }

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}

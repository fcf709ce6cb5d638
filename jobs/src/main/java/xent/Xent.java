package xent;

import java.util.List;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import xent.cli.ConfigFile;
import xent.cli.LogprobCommand;
import xent.cli.ScoreCommand;
import xent.cli.TrainCommand;
import xent.cli.TrainGridCommand;
import xent.scoring.ScoreFunctions;

/** The {@code xent} command line: one subcommand per job. */
@Command(
    name = "xent",
    mixinStandardHelpOptions = true,
    version = "xent 0.1.0",
    description = "Score text corpora with causal language models.",
    subcommands = {LogprobCommand.class, ScoreCommand.class, TrainCommand.class,
        TrainGridCommand.class})
public final class Xent implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    CommandLine cli = new CommandLine(new Xent()).setCaseInsensitiveEnumValuesAllowed(true);
    try {
      ConfigFile.apply(cli, args);
    } catch (CommandLine.ParameterException e) {
      System.err.println("xent: " + e.getMessage());
      System.exit(2);
    }
    System.exit(cli.execute(args));
  }

  /**
   * Registers the Spark SQL functions {@code xent_logprob(text, model)} and
   * {@code xent_token_logprobs(text, model)} for notebooks.
   *
   * @param models "NAME=PATH" specs; the functions take the NAME
   */
  public static void register(SparkSession spark, List<String> models) {
    ScoreFunctions.register(spark, models);
  }

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}

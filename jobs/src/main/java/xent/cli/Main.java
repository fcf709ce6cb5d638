package xent.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParseResult;

/** The {@code xent} command line (bin/xent): one subcommand per job. */
@Command(
    name = "xent",
    mixinStandardHelpOptions = true,
    version = "xent 0.1.0",
    description = "Score text corpora with causal language models.",
    subcommands = {LogprobCommand.class, ScoreCommand.class, CorporaCommand.class, TrainCommand.class,
        TrainGridCommand.class, BenchCommand.class, ScalingCommand.class, MapCommand.class,
        TextsetCommand.class, MixtureCommand.class, DemoCommand.class, FamiliesCommand.class,
        ModelsCommand.class, CountsCommand.class, MembershipCommand.class, MachineTextCommand.class, SampleCommand.class,
        FaceCommand.class,
        CommandLine.HelpCommand.class},
    footer = {
        "",
        "Launcher options (bin/xent [LAUNCHER OPTIONS] COMMAND ...; before the command):",
        "  --master URL        Spark master, e.g. spark://host:7077, yarn, local[2] (default local[*])",
        "  --conf KEY=VALUE    a Spark setting; repeatable",
        "  --verbose           stack traces on errors; spark-submit --verbose prints the Spark configuration",
        "",
        "Environment:",
        "  SPARK_HOME          submit Spark jobs through $SPARK_HOME/bin/spark-submit (else local mode on",
        "                      the project's own jars)",
        "  XENT_MASTER         Spark master when --master is not given",
        "  XENT_SPARK_CONF     Spark settings as whitespace-separated KEY=VALUE words (before --conf)",
        "  XENT_DRIVER_MEMORY  driver heap (default 4g in local mode)",
        "  XENT_JAVA_OPTS      extra options for the JVM bin/xent starts",
        "  XENT_LOG_LEVEL      log level of the commands that run without Spark (default warn)",
        "  XENT_DEBUG=1        stack traces on errors, as --verbose",
        "",
        "Errors: 'xent: error: ...' on stderr; exit 2 for a usage error, 1 for a failure."})
public final class Main implements Runnable {

  /** {@code -Dxent.check=true}: parse and check the inputs only (bin/xent, before it starts Spark). */
  static final String CHECK_ONLY = "xent.check";

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /** Runs the command line {@code args} and returns its exit code: 0 done, 1 failed, 2 usage error. */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    CommandLine cli = commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    try {
      ConfigFile.apply(cli, args);
    } catch (CommandLine.ParameterException e) {
      return ErrorReport.fromEnvironment().handleParseException(e, args);
    }
    if (Boolean.getBoolean(CHECK_ONLY)) {
      cli.setExecutionStrategy(Main::checkInputs);
    }
    return cli.execute(args);
  }

  /**
   * The parser every entry point uses (bin/xent, spark-submit, the Airflow DAG's check, xent
   * demo's steps), with xent's error path.
   */
  public static CommandLine commandLine() {
    ErrorReport errors = ErrorReport.fromEnvironment();
    CommandLine cli = new CommandLine(new Main())
        .setCaseInsensitiveEnumValuesAllowed(true)
        .setParameterExceptionHandler(errors)
        .setExecutionExceptionHandler(errors);
    MetricOptions.addLegend(cli.getSubcommands().get("score").getCommandSpec());
    return cli;
  }

  /** Runs no command: checks the last one's inputs and the loopback address a local Spark needs. */
  private static int checkInputs(ParseResult parsed) {
    ParseResult last = parsed;
    while (true) {
      if (last.isUsageHelpRequested() || last.isVersionHelpRequested()) {
        return 0; // bin/xent shows help without Spark, and so without this check
      }
      if (!last.hasSubcommand()) {
        break;
      }
      last = last.subcommand();
    }
    try {
      if (last.commandSpec().userObject() instanceof Preflight command) {
        command.checkInputs();
      }
      if (Loopback.localMaster()) {
        Loopback.require();
      }
    } catch (CommandLine.ParameterException e) {
      throw e;
    } catch (Exception e) {
      throw new CommandLine.ExecutionException(last.commandSpec().commandLine(), String.valueOf(e.getMessage()), e);
    }
    return 0;
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}

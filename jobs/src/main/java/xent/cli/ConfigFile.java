package xent.cli;

import java.io.File;
import picocli.CommandLine;
import picocli.CommandLine.PropertiesDefaultProvider;

/**
 * {@code --config FILE}: default values for every option from a properties file, keyed by the
 * option's long name without dashes ({@code max-length = 512}). Options given on the command
 * line win. conf/ has examples.
 */
public final class ConfigFile {

  /** The option itself, mixed into every command so that picocli accepts it. */
  public static final class Option {
    @CommandLine.Option(names = "--config", paramLabel = "FILE",
        description = "Properties file with default values for any option (e.g. conf/score.properties).")
    File file;
  }

  private ConfigFile() {}

  /**
   * Finds {@code --config FILE} (or {@code --config=FILE}) in {@code args} and makes the file the
   * default-value source of every subcommand. Picocli applies defaults before it parses, so the
   * file has to be known before parsing starts.
   */
  public static void apply(CommandLine cli, String[] args) {
    for (int i = 0; i < args.length; i++) {
      String file = null;
      if (args[i].equals("--config") && i + 1 < args.length) {
        file = args[i + 1];
      } else if (args[i].startsWith("--config=")) {
        file = args[i].substring("--config=".length());
      }
      if (file != null) {
        File properties = new File(file);
        if (!properties.isFile()) {
          throw new CommandLine.ParameterException(cli, "config file " + file + " does not exist");
        }
        cli.setDefaultValueProvider(new PropertiesDefaultProvider(properties));
        return;
      }
    }
  }
}

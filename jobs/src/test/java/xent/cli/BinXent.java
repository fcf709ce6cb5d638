package xent.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** {@code bin/xent} run as a user runs it, on the packaged jars. */
public final class BinXent {

  public static final Path HOME = Path.of(System.getProperty("xent.home", ".")).toAbsolutePath();

  /** Exit code, stdout lines and stderr of a bin/xent run. */
  public record Run(int exit, List<String> stdout, String stderr) {}

  private BinXent() {}

  public static Run run(String... args) throws IOException, InterruptedException {
    return run(Map.of(), args);
  }

  /**
   * Runs bin/xent with {@code env} added to an environment cleared of SPARK_HOME and the XENT_
   * settings, so that the machine's own do not leak in.
   */
  public static Run run(Map<String, String> env, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(HOME.resolve("bin/xent").toString()));
    command.addAll(List.of(args));
    return run(env, command);
  }

  /** Runs {@code command}, one that starts bin/xent (e.g. under {@code unshare}), in the same environment. */
  public static Run run(Map<String, String> env, List<String> command) throws IOException, InterruptedException {
    Path out = Files.createTempFile("xent-out", ".txt");
    Path err = Files.createTempFile("xent-err", ".txt");
    ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
    builder.environment().keySet().removeIf(name -> name.equals("SPARK_HOME") || name.startsWith("XENT_"));
    builder.environment().putAll(env);
    Process process = builder.start();
    assertTrue(process.waitFor(5, TimeUnit.MINUTES), "bin/xent did not finish");
    Run run = new Run(process.exitValue(), Files.readAllLines(out), Files.readString(err));
    Files.delete(out);
    Files.delete(err);
    return run;
  }
}

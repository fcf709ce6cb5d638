package xent;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** The reference models and data in ../shared, which CI has and a fresh user machine lacks. */
public final class SharedData {

  private SharedData() {}

  /** The folder, or the test is skipped with a message saying why. */
  public static Path dir() {
    String property = System.getProperty("xent.shared", "../shared");
    Path dir = Path.of(property).toAbsolutePath().normalize();
    assumeTrue(Files.isDirectory(dir.resolve("models")),
        "skipped: reference data not found at " + dir + " (../shared beside the project)");
    return dir;
  }

  /** A file below ../shared, e.g. {@code models/stories260K/tokenizer.bin}; skips when absent. */
  public static Path file(String relative) {
    Path file = dir().resolve(relative);
    assumeTrue(Files.exists(file), "skipped: shared reference file " + file + " is absent");
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

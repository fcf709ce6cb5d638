package xent.tokenize;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Files of the shared reference folder (system property {@code xent.shared}); tests skip without
 * it.
 */
final class SharedFiles {

  private SharedFiles() {}

  static Path require(String relative) {
    String shared = System.getProperty("xent.shared");
    assumeTrue(shared != null, "system property xent.shared is not set");
    Path file = Path.of(shared).resolve(relative);
    assumeTrue(Files.exists(file), "shared reference file " + file + " is absent");
    return file;
  }
}

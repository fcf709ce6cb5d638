package xent.corpora;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * The files of an npm tarball that a source wants, read into memory. Names are relative to the
 * package root (npm puts everything under one top folder, usually {@code package/}), and sorted,
 * so every reader sees the same order whatever order the archive has.
 */
public final class PackageTarball {

  private final Path file;
  private final Map<String, byte[]> entries;

  private PackageTarball(Path file, Map<String, byte[]> entries) {
    this.file = file;
    this.entries = Collections.unmodifiableMap(entries);
  }

  /**
   * Reads {@code package.json}, {@code datapackage.json} and every regular file {@code wanted}
   * accepts.
   *
   * @throws FetchException naming the file when it is not a readable gzip'd tar
   */
  public static PackageTarball read(Path file, Predicate<String> wanted) throws FetchException {
    Map<String, byte[]> entries = new TreeMap<>();
    try (InputStream raw = new BufferedInputStream(Files.newInputStream(file));
        TarArchiveInputStream tar = new TarArchiveInputStream(new GZIPInputStream(raw))) {
      TarArchiveEntry entry;
      while ((entry = tar.getNextEntry()) != null) {
        if (!entry.isFile()) {
          continue;
        }
        String name = entry.getName();
        int slash = name.indexOf('/');
        String relative = slash < 0 ? name : name.substring(slash + 1);
        if (relative.equals("package.json") || relative.equals("datapackage.json")
            || wanted.test(relative)) {
          entries.put(relative, tar.readAllBytes());
        }
      }
    } catch (IOException | RuntimeException e) {
      throw new FetchException("tarball " + file + " is corrupt or not a gzip'd tar (" + e
          + "); delete it and run again to fetch it anew", e);
    }
    if (!entries.containsKey("package.json")) {
      throw new FetchException("tarball " + file + " has no package.json: not an npm package");
    }
    return new PackageTarball(file, entries);
  }

  public Path file() {
    return file;
  }

  /** Wanted file names, sorted. */
  public Iterable<String> names() {
    return entries.keySet();
  }

  /** The file decoded as UTF-8. */
  public String text(String name) {
    byte[] bytes = entries.get(name);
    if (bytes == null) {
      throw new IllegalArgumentException("tarball " + file + " has no file " + name);
    }
    return new String(bytes, StandardCharsets.UTF_8);
  }

  /** The file parsed as a JSON object; throws naming the tarball and the file when it is not. */
  public JsonObject json(String name) {
    try {
      JsonElement parsed = JsonParser.parseString(text(name));
      if (!parsed.isJsonObject()) {
        throw new IllegalStateException("tarball " + file + ": " + name + " is not a JSON object");
      }
      return parsed.getAsJsonObject();
    } catch (JsonParseException e) {
      throw new IllegalStateException("tarball " + file + ": " + name + " is not valid JSON: "
          + e.getMessage(), e);
    }
  }

  /** The licence package.json declares, or "unspecified". */
  public String packageLicense() {
    return stringField(json("package.json"), "license");
  }

  /** The licence of the data itself (datapackage.json), or null when the package has none. */
  public String dataLicense() {
    return entries.containsKey("datapackage.json")
        ? stringField(json("datapackage.json"), "license") : null;
  }

  private static String stringField(JsonObject object, String key) {
    JsonElement value = object.get(key);
    return value != null && value.isJsonPrimitive() ? value.getAsString() : "unspecified";
  }
}

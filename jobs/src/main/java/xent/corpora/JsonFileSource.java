package xent.corpora;

import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** A stdlib dataset package: one JSON object per document under {@code data/}. */
abstract class JsonFileSource implements Source {

  private final String name;
  private final NpmPackage npmPackage;
  private final List<String> domains;
  private final Pattern files;

  /**
   * @param files the tarball files (relative to the package root) that hold one document each
   */
  JsonFileSource(String name, NpmPackage npmPackage, List<String> domains, String files) {
    this.name = name;
    this.npmPackage = npmPackage;
    this.domains = List.copyOf(domains);
    this.files = Pattern.compile(files);
  }

  /** The document of one file, or empty when it has no text; {@code stem} is its path under data/. */
  abstract Optional<SourceDocument> document(String stem, JsonObject json);

  @Override
  public final String name() {
    return name;
  }

  @Override
  public final NpmPackage npmPackage() {
    return npmPackage;
  }

  @Override
  public final List<String> domains() {
    return domains;
  }

  @Override
  public final boolean wants(String file) {
    return files.matcher(file).matches();
  }

  @Override
  public final List<SourceDocument> documents(PackageTarball tarball) {
    List<SourceDocument> documents = new ArrayList<>();
    for (String file : tarball.names()) {
      if (wants(file)) {
        String stem = file.substring(file.indexOf('/') + 1, file.length() - ".json".length());
        document(stem, tarball.json(file)).ifPresent(documents::add);
      }
    }
    return documents;
  }
}

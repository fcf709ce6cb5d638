package xent.corpora;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A whole document as its package holds it (a Brown text, a speech, a chapter, a mail), before
 * it is cut into chunks.
 *
 * @param id stable across runs and versions of xent, e.g. {@code brown/ca01}; decides the split
 * @param domain the corpus domain it belongs to
 * @param text plain text, paragraphs separated by blank lines
 * @param fields source facts carried onto every chunk (genre, year, ...), in output order
 */
public record SourceDocument(String id, String domain, String text, Map<String, Object> fields) {

  public SourceDocument {
    if (id == null || id.isBlank()) {
      throw new IllegalArgumentException("source document id is empty");
    }
    if (domain == null || !domain.matches("[a-z][a-z0-9_]*")) {
      throw new IllegalArgumentException(
          "document " + id + ": domain must be lower-case letters, digits and _, got '" + domain + "'");
    }
    if (text == null) {
      throw new IllegalArgumentException("document " + id + " has no text");
    }
    for (String reserved : new String[] {"id", "domain", "source", "text"}) {
      if (fields.containsKey(reserved)) {
        throw new IllegalArgumentException("document " + id + ": field '" + reserved + "' is reserved");
      }
    }
    fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
  }
}

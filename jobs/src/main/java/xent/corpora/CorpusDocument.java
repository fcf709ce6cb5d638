package xent.corpora;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One row of the written corpus: a chunk of a source document.
 *
 * @param id {@code SOURCE_DOCUMENT_ID#CHUNK}, e.g. {@code brown/ca01#3} (chunks count from 0)
 * @param source the {@link Source#name()} it came from
 * @param split decided by the source document id
 * @param bytes UTF-8 bytes of {@code text}
 */
public record CorpusDocument(
    String id, String domain, String source, Split split, String text, int bytes,
    Map<String, Object> fields) {

  public CorpusDocument {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("document " + id + " has empty text");
    }
  }

  /** The JSON object written for it: id, domain, source, the source fields, text. */
  Map<String, Object> row() {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("id", id);
    row.put("domain", domain);
    row.put("source", source);
    row.putAll(fields);
    row.put("text", text);
    return row;
  }
}

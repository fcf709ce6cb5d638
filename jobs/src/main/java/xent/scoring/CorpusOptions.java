package xent.scoring;

import java.io.Serializable;
import java.util.Locale;

/**
 * What to read as a corpus: a file, a folder or a glob, its format and the names of its columns.
 *
 * @param path a file, a folder (read recursively) or a Hadoop glob such as {@code data/*.jsonl.gz}
 * @param format the file format, or null to infer it from the file names
 * @param textCol the field or column holding the document text
 * @param idCol the field or column holding the document id; absent ids get a stable hash id
 * @param domainCol the field or column holding the domain; absent domains are null
 * @param limit read only the first {@code limit} rows in (source, row) order; 0 reads all
 */
public record CorpusOptions(
    String path, Format format, String textCol, String idCol, String domainCol, long limit)
    implements Serializable {

  /** How the files of a corpus are laid out. */
  public enum Format {
    /** One JSON object per line; {@code .jsonl}, {@code .json}, optionally {@code .gz}. */
    JSONL,
    /** Parquet files with columns read by name. */
    PARQUET,
    /** One document per file, UTF-8 text. */
    TEXT;

    /** The format a file name implies: JSON lines, Parquet, else plain text. */
    public static Format ofFileName(String name) {
      String lower = name.toLowerCase(Locale.ROOT);
      if (lower.endsWith(".jsonl") || lower.endsWith(".json")
          || lower.endsWith(".jsonl.gz") || lower.endsWith(".json.gz")) {
        return JSONL;
      }
      return lower.endsWith(".parquet") ? PARQUET : TEXT;
    }
  }

  public CorpusOptions {
    if (path == null || path.isBlank()) {
      throw new IllegalArgumentException("corpus path is empty: give a file, a folder or a glob");
    }
    requireColumn("text", textCol);
    requireColumn("id", idCol);
    requireColumn("domain", domainCol);
    if (textCol.equals(idCol) || textCol.equals(domainCol) || idCol.equals(domainCol)) {
      throw new IllegalArgumentException(
          "corpus columns must differ: text '" + textCol + "', id '" + idCol + "', domain '"
              + domainCol + "'");
    }
    if (limit < 0) {
      throw new IllegalArgumentException("corpus limit must be >= 0 (0 reads all), got " + limit);
    }
  }

  /** Options with the default column names (text, id, domain), format inferred, no limit. */
  public static CorpusOptions of(String path) {
    return new CorpusOptions(path, null, "text", "id", "domain", 0);
  }

  public CorpusOptions withFormat(Format newFormat) {
    return new CorpusOptions(path, newFormat, textCol, idCol, domainCol, limit);
  }

  public CorpusOptions withLimit(long newLimit) {
    return new CorpusOptions(path, format, textCol, idCol, domainCol, newLimit);
  }

  private static void requireColumn(String role, String name) {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("corpus " + role + " column name is empty");
    }
  }
}

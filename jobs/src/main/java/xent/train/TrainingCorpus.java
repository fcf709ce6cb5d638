package xent.train;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;

/**
 * A training corpus read whole into memory: a JSONL file (optionally .gz), one document per line
 * with a string {@code text} and, when present, a domain column and an {@code id}.
 *
 * @param file where it was read from
 * @param sha256 hex digest of the file's bytes, for provenance
 * @param documents in file order
 */
public record TrainingCorpus(Path file, String sha256, List<Document> documents) {

  /** Domain of documents whose line has no domain column. */
  public static final String NO_DOMAIN = "all";

  /** One line of the corpus. */
  public record Document(String id, String domain, String text) {}

  public TrainingCorpus {
    documents = List.copyOf(documents);
  }

  /**
   * Reads {@code file}; blank lines are skipped.
   *
   * @param domainColumn the field naming a document's domain
   * @throws IOException naming the file and line of a malformed line or a missing text
   */
  public static TrainingCorpus read(Path file, String domainColumn) throws IOException {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
    List<Document> documents = new ArrayList<>();
    try (InputStream raw = new DigestInputStream(Files.newInputStream(file), digest);
        InputStream in = file.toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw;
        BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      int number = 0;
      while ((line = lines.readLine()) != null) {
        number++;
        if (!line.isBlank()) {
          documents.add(parse(file, number, line, domainColumn));
        }
      }
      raw.transferTo(OutputStream.nullOutputStream()); // digest every byte, even past a gzip trailer
    }
    if (documents.isEmpty()) {
      throw new IOException(file + ": no documents (expected JSONL lines with a \"text\" field)");
    }
    return new TrainingCorpus(file, HexFormat.of().formatHex(digest.digest()), documents);
  }

  private static Document parse(Path file, int number, String line, String domainColumn)
      throws IOException {
    JsonObject json;
    try {
      JsonElement element = JsonParser.parseString(line);
      if (!element.isJsonObject()) {
        throw new IOException(file + ":" + number + ": a JSONL line must be an object");
      }
      json = element.getAsJsonObject();
    } catch (JsonParseException e) {
      throw new IOException(file + ":" + number + ": malformed JSON: " + e.getMessage(), e);
    }
    JsonElement text = json.get("text");
    if (text == null || !text.isJsonPrimitive()) {
      throw new IOException(file + ":" + number + ": no string field \"text\"");
    }
    JsonElement domain = json.get(domainColumn);
    JsonElement id = json.get("id");
    return new Document(
        id != null && id.isJsonPrimitive() ? id.getAsString() : file.getFileName() + ":" + number,
        domain != null && domain.isJsonPrimitive() ? domain.getAsString() : NO_DOMAIN,
        text.getAsString());
  }

  /** The texts of each domain, domains in name order. */
  public Map<String, List<String>> textsByDomain() {
    Map<String, List<String>> out = new TreeMap<>();
    for (Document d : documents) {
      out.computeIfAbsent(d.domain(), k -> new ArrayList<>()).add(d.text());
    }
    return out;
  }

  /** Every text, in file order. */
  public List<String> texts() {
    return documents.stream().map(Document::text).toList();
  }
}

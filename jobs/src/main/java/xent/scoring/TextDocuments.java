package xent.scoring;

import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * A folder of text files, one document per file: id = path relative to the corpus root, domain =
 * its folder relative to the root (null at the top). Files with a codec suffix (.gz, .bz2) are
 * decompressed. Read by the executors rather than Spark's binaryFile source so that a file that
 * fails to read becomes a rejected row instead of a failed job.
 */
final class TextDocuments {

  /** The largest document a Java array (and a Spark string) holds. */
  private static final long MAX_BYTES = Integer.MAX_VALUE - 8;

  private TextDocuments() {}

  static Dataset<Row> read(SparkSession spark, CorpusFiles files) {
    HadoopConf hadoop = HadoopConf.of(spark.sparkContext().hadoopConfiguration());
    return Corpus.fileTable(spark, files.readable()).mapPartitions(
        (MapPartitionsFunction<Row, Row>) rows -> {
          Configuration conf = hadoop.toConfiguration();
          return new Iterator<Row>() {
            @Override
            public boolean hasNext() {
              return rows.hasNext();
            }

            @Override
            public Row next() {
              return document(Corpus.fileOf(rows.next()), conf);
            }
          };
        },
        Encoders.row(Corpus.SCHEMA));
  }

  private static Row document(CorpusFile file, Configuration conf) {
    byte[] bytes;
    try (InputStream in = file.open(conf)) {
      bytes = in.readNBytes((int) MAX_BYTES);
      if (in.read() >= 0) {
        return Corpus.rejected(file.name(), file.folder(), file.path(), null,
            "document larger than " + MAX_BYTES + " bytes");
      }
    } catch (IOException | RuntimeException e) {
      return Corpus.unreadable(file, Corpus.describe(e));
    }
    try {
      return Corpus.good(file.name(), file.folder(), Utf8Text.decode(bytes), bytes.length,
          file.path(), null);
    } catch (Utf8Text.InvalidUtf8 e) {
      return Corpus.rejected(file.name(), file.folder(), file.path(), null, e.getMessage());
    }
  }
}

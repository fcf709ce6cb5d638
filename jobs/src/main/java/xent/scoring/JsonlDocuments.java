package xent.scoring;

import java.io.EOFException;
import java.io.IOException;
import java.util.Iterator;
import java.util.NoSuchElementException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.util.LineReader;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.TaskCompletionListener;

/**
 * JSONL files read by the executors, one whole file per task, line by line as raw bytes.
 *
 * <p>Spark's text source is not used: it would replace invalid UTF-8 before we could see it,
 * cannot number lines within a split file, and fails the whole job on a truncated .gz (unless
 * {@code ignoreCorruptFiles}, which drops the file silently). The cost is that one large file is
 * read by one task; the score job repartitions before scoring anyway.
 *
 * <p>A file that fails mid-read keeps the rows of its complete lines and adds one rejected row
 * for the rest, with the reason: for a truncated {@code .jsonl.gz} (a download cut short), say,
 * "truncated gzip after line 1021: EOFException: Unexpected end of input stream". The line cut in
 * half never reaches its newline (the decompressor fails first), so it is part of that rest.
 */
final class JsonlDocuments {

  private JsonlDocuments() {}

  static Dataset<Row> read(SparkSession spark, CorpusFiles files, CorpusOptions options) {
    HadoopConf hadoop = HadoopConf.of(spark.sparkContext().hadoopConfiguration());
    return Corpus.fileTable(spark, files.readable()).mapPartitions(
        (MapPartitionsFunction<Row, Row>) rows -> new FileRows(rows, hadoop.toConfiguration(), options),
        Encoders.row(Corpus.SCHEMA));
  }

  /** The rows of the files of one partition, one line at a time. */
  private static final class FileRows implements Iterator<Row> {
    private final Iterator<Row> files;
    private final Configuration conf;
    private final CorpusOptions options;
    private final Text line = new Text();
    private CorpusFile file;
    private JsonlLine parser;
    private LineReader reader;
    private long lineNumber;
    private Row next;

    FileRows(Iterator<Row> files, Configuration conf, CorpusOptions options) {
      this.files = files;
      this.conf = conf;
      this.options = options;
      TaskContext task = TaskContext.get();
      if (task != null) {
        task.addTaskCompletionListener((TaskCompletionListener) context -> closeReader());
      }
    }

    @Override
    public boolean hasNext() {
      while (next == null) {
        if (reader == null && !openNextFile()) {
          return false;
        }
        if (reader != null) {
          next = readLine();
        }
      }
      return true;
    }

    @Override
    public Row next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      Row row = next;
      next = null;
      return row;
    }

    /** Opens the next file, or sets {@link #next} to its reject row; false when none is left. */
    private boolean openNextFile() {
      if (!files.hasNext()) {
        return false;
      }
      file = Corpus.fileOf(files.next());
      parser = new JsonlLine(file, options);
      lineNumber = 0;
      try {
        reader = new LineReader(file.open(conf));
      } catch (IOException | RuntimeException e) {
        next = Corpus.unreadable(file, Corpus.describe(e));
      }
      return true;
    }

    /** The next non-blank line's row, or null at the end of the file. */
    private Row readLine() {
      try {
        while (reader.readLine(line) > 0) {
          lineNumber++;
          Row row = parser.toRow(line.getBytes(), line.getLength(), lineNumber);
          if (row != null) {
            return row;
          }
        }
        closeReader();
        return null;
      } catch (IOException | RuntimeException e) {
        closeReader();
        String what = e instanceof EOFException && file.compressed(conf)
            ? "truncated " + file.codecName(conf) : "cannot read " + file.path();
        return Corpus.rejected(file.path(), null, file.path(), null,
            what + " after line " + lineNumber + ": " + Corpus.describe(e));
      }
    }

    private void closeReader() {
      if (reader != null) {
        try {
          reader.close();
        } catch (IOException ignored) {
          // Closing a read-only stream: nothing was lost.
        }
        reader = null;
      }
    }
  }
}

package xent.scoring;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Where the score job keeps things in its output folder OUT, on any Hadoop file system, and the
 * small text files (plan, markers, summary) it reads and writes there.
 *
 * <pre>
 * OUT/scores/model=M/split=K/   score table (Parquet)
 * OUT/rejects/model=M/split=K/  rejects table (Parquet)
 * OUT/summary.json              per model: rows_in, scored, rejected, tokens, nats/token, ...
 * OUT/_xent/plan.json           what the folder was made with
 * OUT/_xent/lock                the running driver (see {@link ScoreLock}): one run at a time
 * OUT/_xent/documents/split=K/  the corpus, normalised and cut into splits, read once
 * OUT/_xent/units/model=M/split=K.json   commit marker and statistics of each unit
 * OUT/_xent/tmp/                a unit's tables while Spark writes them
 * </pre>
 */
final class ScoreFolder {

  private final FileSystem fs;
  private final Path out;
  private final Path meta;

  ScoreFolder(Configuration hadoop, String out) throws IOException {
    this.out = new Path(out);
    this.fs = this.out.getFileSystem(hadoop);
    this.meta = new Path(this.out, "_xent");
  }

  FileSystem fs() {
    return fs;
  }

  Path out() {
    return out;
  }

  Path meta() {
    return meta;
  }

  Path plan() {
    return new Path(meta, "plan.json");
  }

  Path documents() {
    return new Path(meta, "documents");
  }

  Path units() {
    return new Path(meta, "units");
  }

  Path tmp() {
    return new Path(meta, "tmp");
  }

  Path summary() {
    return new Path(out, "summary.json");
  }

  /** OUT/_xent/score.log where OUT is on the local file system; null elsewhere. */
  java.nio.file.Path localLog() {
    if (!"file".equals(fs.getUri().getScheme())) {
      return null;
    }
    return java.nio.file.Path.of(fs.makeQualified(meta).toUri()).resolve("score.log");
  }

  String read(Path file) throws IOException {
    try (var in = fs.open(file)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  void write(Path file, String text) throws IOException {
    try (FSDataOutputStream stream = fs.create(file, true)) {
      stream.write(text.getBytes(StandardCharsets.UTF_8));
    }
  }
}

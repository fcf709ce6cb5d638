package xent.scoring;

import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.util.Locale;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.compress.CompressionCodec;
import org.apache.hadoop.io.compress.CompressionCodecFactory;

/**
 * One file of a corpus.
 *
 * @param path the full Hadoop path, e.g. {@code file:/data/c/a.jsonl}; the {@code source} column
 * @param name the path relative to the corpus root, e.g. {@code news/a.jsonl}; the part of a
 *     document's identity that survives moving the corpus to another folder or cluster
 * @param length the size in bytes as listed (compressed size for compressed files)
 */
record CorpusFile(String path, String name, long length) implements Serializable {

  /** Opens the file, decompressing it when its suffix names a Hadoop codec (.gz, .bz2, ...). */
  InputStream open(Configuration conf) throws IOException {
    Path hadoopPath = new Path(path);
    InputStream raw = hadoopPath.getFileSystem(conf).open(hadoopPath);
    CompressionCodec codec = new CompressionCodecFactory(conf).getCodec(hadoopPath);
    if (codec == null) {
      return raw;
    }
    try {
      return codec.createInputStream(raw);
    } catch (IOException | RuntimeException e) {
      raw.close();
      throw e;
    }
  }

  boolean compressed(Configuration conf) {
    return new CompressionCodecFactory(conf).getCodec(new Path(path)) != null;
  }

  /** The compression's name as users know it ("gzip", "bzip2"), from the codec of the suffix. */
  String codecName(Configuration conf) {
    CompressionCodec codec = new CompressionCodecFactory(conf).getCodec(new Path(path));
    return codec == null ? "file" : codec.getClass().getSimpleName().replace("Codec", "").toLowerCase(Locale.ROOT);
  }

  /** The folder part of {@link #name}, or null for a file directly in the corpus root. */
  String folder() {
    int slash = name.lastIndexOf('/');
    return slash < 0 ? null : name.substring(0, slash);
  }
}

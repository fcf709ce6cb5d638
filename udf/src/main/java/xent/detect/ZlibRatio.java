package xent.detect;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.zip.Deflater;

/**
 * The zlib ratio (Carlini et al. 2021, "Extracting Training Data from Large Language Models"; as
 * swj0419/detect-pretrain-code and zjysteven/mink-plus-plus compute it): the mean token
 * log-likelihood over the length in bytes of zlib.compress(text.encode("utf-8")). Higher = more
 * likely a member.
 *
 * <p>Both reference codes divide the mean log-likelihood (minus the loss), not its sum, and
 * call zlib.compress with its default level, Z_DEFAULT_COMPRESSION, which zlib runs as level 6;
 * ../shared/METRICS.md writes "sum" and "zlib-9". This class follows the codes; level 9 can give
 * other lengths (12,842 bytes of text: 2643 at level 6, 2657 at level 9 in Python's zlib
 * 1.2.13), so the level is a parameter. The length counts the zlib wrapper (2-byte header and
 * Adler-32) as Python's does: {@link Deflater} with nowrap false writes the same stream.
 *
 * @param level zlib level 1 to 9; 6 (Python's default) by default
 */
public record ZlibRatio(int level) implements Serializable {

  public static final ZlibRatio DEFAULT = new ZlibRatio(6);

  public ZlibRatio {
    if (level < 1 || level > 9) {
      throw new IllegalArgumentException("zlib level must be 1 to 9, found " + level);
    }
  }

  /** mean_t l_t / compressed bytes; NaN for no tokens. */
  public double score(float[] logprob, String text) {
    return Sums.mean(logprob) / compressedBytes(text);
  }

  /** Bytes of zlib.compress(text.encode("utf-8"), level), wrapper included. */
  public int compressedBytes(String text) {
    Deflater deflater = new Deflater(level);
    try {
      deflater.setInput(text.getBytes(StandardCharsets.UTF_8));
      deflater.finish();
      byte[] buffer = new byte[8192];
      long total = 0;
      while (!deflater.finished()) {
        total += deflater.deflate(buffer);
      }
      return Math.toIntExact(total);
    } finally {
      deflater.end();
    }
  }
}

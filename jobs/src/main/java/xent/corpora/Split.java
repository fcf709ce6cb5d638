package xent.corpora;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The train, validation and test parts of the corpus, 90/5/5. A document's part depends only on
 * the id of the source document it was cut from, so that all chunks of one speech or chapter land
 * in the same part (no near-duplicate leaks between them) and adding sources never moves one.
 */
public enum Split {
  TRAIN("train", 90),
  VALID("valid", 5),
  TEST("test", 5);

  private final String fileStem;
  private final int percent;

  Split(String fileStem, int percent) {
    this.fileStem = fileStem;
    this.percent = percent;
  }

  /** {@code train}, {@code valid} or {@code test}: the JSONL file name without extension. */
  public String fileStem() {
    return fileStem;
  }

  /** Its share of the documents and of a capped domain's bytes, in percent. */
  public int percent() {
    return percent;
  }

  /** The split of a source document: SHA-256 of its id, first 8 bytes, modulo 100. */
  public static Split of(String sourceDocumentId) {
    long bucket = Long.remainderUnsigned(hash("split:" + sourceDocumentId), 100);
    return bucket < TRAIN.percent ? TRAIN : bucket < TRAIN.percent + VALID.percent ? VALID : TEST;
  }

  /** The first 8 bytes of SHA-256 of the UTF-8 string, as a long: a stable, well-mixed key. */
  static long hash(String key) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
      return ByteBuffer.wrap(digest).getLong();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }
}

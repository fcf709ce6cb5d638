package xent.scoring;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Ids for documents that come without one: the first 16 hex digits (64 bits) of SHA-256 over
 * {@code name + "\n" + row + "\n"} followed by the content bytes, where name is the file's path
 * relative to the corpus root and row its 1-based line or row number. The same corpus gives the
 * same ids on every run, on every machine and after moving the corpus folder.
 */
final class DocumentIds {

  private DocumentIds() {}

  static String stable(String name, long row, byte[] content, int offset, int length) {
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
    sha.update((name + "\n" + row + "\n").getBytes(StandardCharsets.UTF_8));
    sha.update(content, offset, length);
    return HexFormat.of().formatHex(sha.digest(), 0, 8);
  }
}

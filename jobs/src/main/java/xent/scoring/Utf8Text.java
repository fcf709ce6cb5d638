package xent.scoring;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Strict UTF-8, the one policy of every reader of text (score's corpora, logprob's files): text
 * is scored byte for byte, so nothing is silently replaced, and a document's {@code n_bytes} is
 * always the byte count of its input.
 */
public final class Utf8Text {

  private Utf8Text() {}

  /** Bytes that are not UTF-8, with the offset of the first bad byte. */
  public static final class InvalidUtf8 extends IOException {
    private final long byteOffset;

    InvalidUtf8(long byteOffset) {
      super("invalid UTF-8 at byte " + byteOffset);
      this.byteOffset = byteOffset;
    }

    public long byteOffset() {
      return byteOffset;
    }
  }

  /**
   * The text of {@code bytes}, which must all be valid UTF-8.
   *
   * @throws InvalidUtf8 naming the offset of the first byte that is not
   */
  public static String decode(byte[] bytes) throws InvalidUtf8 {
    long invalid = firstInvalidByte(bytes, 0, bytes.length);
    if (invalid >= 0) {
      throw new InvalidUtf8(invalid);
    }
    return new String(bytes, StandardCharsets.UTF_8);
  }

  /**
   * The offset (from {@code offset}) of the first byte that is not valid UTF-8, or -1 when all
   * {@code length} bytes are valid. Overlong forms and encoded surrogates count as invalid.
   */
  static long firstInvalidByte(byte[] bytes, int offset, int length) {
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes, offset, length);
    // Decoding in slices keeps the scratch buffer small for multi-megabyte documents.
    CharBuffer out = CharBuffer.allocate(8192);
    while (true) {
      CoderResult result = decoder.decode(in, out, true);
      if (result.isError()) {
        return in.position() - offset;
      }
      if (result.isUnderflow()) {
        return decoder.flush(out).isError() ? in.position() - offset : -1;
      }
      out.clear();
    }
  }

  /** The index of the first unpaired surrogate char (not encodable as UTF-8), or -1. */
  static int firstLoneSurrogate(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c)) {
        if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
          i++;
          continue;
        }
        return i;
      }
      if (Character.isLowSurrogate(c)) {
        return i;
      }
    }
    return -1;
  }
}

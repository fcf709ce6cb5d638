package xent.tokenize;

/**
 * GPT-2's byte-level alphabet ({@code bytes_to_unicode}): each byte as one printable char, so that
 * byte-level BPE pieces are strings. Printable Latin-1 bytes map to themselves; the other 68 bytes
 * (controls, space, DEL, NBSP, soft hyphen) map in byte order to U+0100 onwards, e.g. space to 'Ġ'
 * and newline to 'Ċ'.
 */
public final class ByteLevelAlphabet {

  private static final char[] SYMBOLS = symbols();

  private ByteLevelAlphabet() {}

  /** The char standing for byte {@code b} (0..255). */
  public static char symbol(int b) {
    if (b < 0 || b > 255) {
      throw new IllegalArgumentException("byte value must be in 0..255, got " + b);
    }
    return SYMBOLS[b];
  }

  /** {@code bytes} written in the alphabet, one char per byte. */
  public static String symbols(byte[] bytes) {
    char[] out = new char[bytes.length];
    for (int i = 0; i < bytes.length; i++) {
      out[i] = SYMBOLS[bytes[i] & 0xff];
    }
    return new String(out);
  }

  private static char[] symbols() {
    char[] symbols = new char[256];
    int shifted = 0;
    for (int b = 0; b < 256; b++) {
      boolean printable = (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || b >= 0xAE;
      symbols[b] = printable ? (char) b : (char) (256 + shifted++);
    }
    return symbols;
  }
}

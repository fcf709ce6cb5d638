package xent.corpora;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Cuts a document into chunks of at most {@code maxBytes} UTF-8 bytes along paragraph breaks, so
 * that a novel or a speech gives many validation documents rather than one. Paragraphs are packed
 * whole; a paragraph too long for one chunk is cut at sentence ends, a sentence too long at
 * spaces, a word too long anywhere between characters. A last chunk under a quarter of
 * {@code maxBytes} joins the one before it (which may then exceed {@code maxBytes} by that much).
 */
final class Chunker {

  private static final Pattern PARAGRAPH_BREAK = Pattern.compile("\\n[ \\t]*\\n\\s*");
  private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?][\"')\\]\u201d\u2019]{0,2})\\s+");
  private static final Pattern SPACES = Pattern.compile("\\s+");

  private final int maxBytes;

  Chunker(int maxBytes) {
    if (maxBytes < 64) {
      throw new IllegalArgumentException("chunk size must be at least 64 bytes, got " + maxBytes);
    }
    this.maxBytes = maxBytes;
  }

  int maxBytes() {
    return maxBytes;
  }

  /** The chunks of {@code text}, in order, none empty; paragraphs joined by a blank line. */
  List<String> chunks(String text) {
    List<String> pieces = new ArrayList<>();
    for (String paragraph : PARAGRAPH_BREAK.split(text.strip())) {
      if (!paragraph.isBlank()) {
        pieces.addAll(fit(paragraph.strip(), 0));
      }
    }
    List<String> chunks = pack(pieces, "\n\n");
    int last = chunks.size() - 1;
    if (last > 0 && bytes(chunks.get(last)) < maxBytes / 4) {
      chunks.set(last - 1, chunks.get(last - 1) + "\n\n" + chunks.remove(last));
    }
    return chunks;
  }

  /** Pieces of at most maxBytes: the text itself, or its sentences, words, characters packed. */
  private List<String> fit(String text, int level) {
    if (bytes(text) <= maxBytes) {
      return List.of(text);
    }
    if (level == 2) {
      return characters(text);
    }
    Pattern separator = level == 0 ? SENTENCE_END : SPACES;
    List<String> pieces = new ArrayList<>();
    for (String part : separator.split(text)) {
      if (!part.isEmpty()) {
        pieces.addAll(fit(part, level + 1));
      }
    }
    return pack(pieces, " ");
  }

  /** Greedy packing of pieces, in order, joined by {@code glue}, each result within maxBytes. */
  private List<String> pack(List<String> pieces, String glue) {
    List<String> packed = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    int currentBytes = 0;
    for (String piece : pieces) {
      int pieceBytes = bytes(piece);
      if (current.length() > 0 && currentBytes + glue.length() + pieceBytes > maxBytes) {
        packed.add(current.toString());
        current.setLength(0);
        currentBytes = 0;
      }
      if (current.length() > 0) {
        current.append(glue);
        currentBytes += glue.length();
      }
      current.append(piece);
      currentBytes += pieceBytes;
    }
    if (current.length() > 0) {
      packed.add(current.toString());
    }
    return packed;
  }

  /** Runs of whole code points of at most maxBytes. */
  private List<String> characters(String text) {
    List<String> pieces = new ArrayList<>();
    int start = 0;
    int bytes = 0;
    for (int i = 0; i < text.length(); ) {
      int codePoint = text.codePointAt(i);
      int size = new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8).length;
      if (bytes + size > maxBytes) {
        pieces.add(text.substring(start, i));
        start = i;
        bytes = 0;
      }
      bytes += size;
      i += Character.charCount(codePoint);
    }
    pieces.add(text.substring(start));
    return pieces;
  }

  static int bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8).length;
  }
}

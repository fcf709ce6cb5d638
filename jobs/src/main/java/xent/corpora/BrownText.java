package xent.corpora;

import java.util.List;
import java.util.Set;

/**
 * Plain text from the tagged Brown corpus (form C): {@code word/tag} tokens, one sentence per line,
 * paragraphs separated by blank lines. Tags are dropped and the tokens rejoined as they were
 * printed: punctuation against the word before it, {@code ``} and {@code ''} as double quotes.
 */
final class BrownText {

  private static final Set<String> CLOSING = Set.of(",", ".", ";", ":", "?", "!", ")", "]", "'", "''");
  private static final Set<String> OPENING = Set.of("(", "[", "``");

  private BrownText() {}

  /** One paragraph: its sentence lines joined by spaces; a headline line ends with a newline. */
  static String paragraph(List<String> lines) {
    StringBuilder out = new StringBuilder();
    for (String line : lines) {
      String sentence = sentence(line);
      if (sentence.isEmpty()) {
        continue;
      }
      if (out.length() > 0 && out.charAt(out.length() - 1) != '\n') {
        out.append(' ');
      }
      out.append(sentence);
      if (isHeadline(line)) {
        out.append('\n');
      }
    }
    return out.toString().strip();
  }

  /** One tagged line as text. */
  static String sentence(String line) {
    StringBuilder out = new StringBuilder();
    boolean glueNext = true;
    for (String token : line.trim().split("\\s+")) {
      if (token.isEmpty()) {
        continue;
      }
      String word = word(token);
      if (!glueNext && !CLOSING.contains(word)) {
        out.append(' ');
      }
      out.append(word.equals("``") || word.equals("''") ? "\"" : word);
      glueNext = OPENING.contains(word);
    }
    return out.toString();
  }

  /** The word of a {@code word/tag} token; words may contain slashes themselves. */
  private static String word(String token) {
    int slash = token.lastIndexOf('/');
    return slash <= 0 ? token : token.substring(0, slash);
  }

  /** A line whose every tag is a headline tag ({@code -hl}), such as a chapter heading. */
  private static boolean isHeadline(String line) {
    String[] tokens = line.trim().split("\\s+");
    for (String token : tokens) {
      if (!token.endsWith("-hl")) {
        return false;
      }
    }
    return tokens.length > 0 && !tokens[0].isEmpty();
  }
}

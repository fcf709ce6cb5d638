package xent.corpora;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The readable text of an HTML mail part: scripts, styles, comments and tags removed, block
 * elements turned into line breaks, the common character references decoded.
 */
final class HtmlText {

  private static final Pattern INVISIBLE = Pattern.compile(
      "(?is)<!--.*?-->|<(script|style|head|title)\\b.*?</\\1\\s*>");
  private static final Pattern BLOCK = Pattern.compile(
      "(?i)<\\s*(br|p|/p|div|/div|tr|/tr|li|/h[1-6]|h[1-6]|table|/table|hr)\\b[^>]*>");
  private static final Pattern WHITESPACE = Pattern.compile("[\\s\u00a0]+");
  private static final Pattern TAG = Pattern.compile("(?s)<[^>]*>");
  private static final Pattern REFERENCE = Pattern.compile("&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z]+);");

  private HtmlText() {}

  static String of(String html) {
    // Line breaks in HTML source are layout, not text: only block elements break lines.
    String text = WHITESPACE.matcher(INVISIBLE.matcher(html).replaceAll(" ")).replaceAll(" ");
    text = BLOCK.matcher(text).replaceAll("\n");
    text = decodeReferences(TAG.matcher(text).replaceAll(""));
    StringBuilder out = new StringBuilder();
    for (String line : text.split("\n")) {
      out.append(WHITESPACE.matcher(line).replaceAll(" ").strip()).append('\n');
    }
    return out.toString().strip();
  }

  private static String decodeReferences(String text) {
    Matcher m = REFERENCE.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(out, Matcher.quoteReplacement(decode(m.group(1), m.group())));
    }
    m.appendTail(out);
    return out.toString();
  }

  private static String decode(String name, String original) {
    if (name.startsWith("#")) {
      boolean hex = name.length() > 1 && (name.charAt(1) == 'x' || name.charAt(1) == 'X');
      int codePoint = Integer.parseInt(name.substring(hex ? 2 : 1), hex ? 16 : 10);
      return Character.isValidCodePoint(codePoint) && codePoint != 0
          ? new String(Character.toChars(codePoint)) : " ";
    }
    return switch (name) {
      case "nbsp" -> " ";
      case "amp" -> "&";
      case "lt" -> "<";
      case "gt" -> ">";
      case "quot" -> "\"";
      case "apos" -> "'";
      case "copy" -> "\u00a9";
      case "reg" -> "\u00ae";
      default -> original;
    };
  }
}

package xent.corpora;

import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The readable body of a raw e-mail (RFC 5322 with MIME): the header block is dropped; of a
 * multipart message only the text parts are kept (the plain one of an alternative, else the
 * HTML one as text), attachments are dropped; base64 and quoted-printable are decoded.
 */
final class MailBody {

  private static final Pattern PARAMETER = Pattern.compile(
      "(?i);\\s*([a-z-]+)\\s*=\\s*(\"([^\"]*)\"|[^;\\s]+)");
  private static final int MAX_DEPTH = 8;

  private MailBody() {}

  /** The body text, lines right-trimmed, at most one blank line in a row; empty when none. */
  static String of(String message) {
    String text = text(Part.parse(message.replace("\r\n", "\n").replace('\r', '\n')), 0);
    return tidy(text);
  }

  /** A MIME entity: lower-case header names (folded lines unfolded, first occurrence wins), body. */
  record Part(Map<String, String> headers, String body) {

    static Part parse(String entity) {
      Map<String, String> headers = new HashMap<>();
      int position = 0;
      String name = null;
      StringBuilder value = new StringBuilder();
      while (position < entity.length()) {
        int end = entity.indexOf('\n', position);
        String line = end < 0 ? entity.substring(position) : entity.substring(position, end);
        position = end < 0 ? entity.length() : end + 1;
        if (line.isEmpty()) {
          break;
        }
        if ((line.charAt(0) == ' ' || line.charAt(0) == '\t') && name != null) {
          value.append(' ').append(line.strip());
          continue;
        }
        if (name != null) {
          headers.putIfAbsent(name, value.toString().strip());
        }
        int colon = line.indexOf(':');
        name = colon > 0 ? line.substring(0, colon).strip().toLowerCase(Locale.ROOT) : null;
        value.setLength(0);
        if (name != null) {
          value.append(line.substring(colon + 1));
        }
      }
      if (name != null) {
        headers.putIfAbsent(name, value.toString().strip());
      }
      return new Part(headers, entity.substring(Math.min(position, entity.length())));
    }

    /** The media type, lower case; {@code text/plain} when absent, as RFC 2045 says. */
    String mediaType() {
      String type = headers.getOrDefault("content-type", "text/plain");
      int semicolon = type.indexOf(';');
      return (semicolon < 0 ? type : type.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
    }

    /** A Content-Type parameter such as boundary or charset, or null. */
    String parameter(String key) {
      Matcher m = PARAMETER.matcher(headers.getOrDefault("content-type", ""));
      while (m.find()) {
        if (m.group(1).equalsIgnoreCase(key)) {
          return m.group(3) != null ? m.group(3) : m.group(2);
        }
      }
      return null;
    }
  }

  private static String text(Part part, int depth) {
    String type = part.mediaType();
    if (type.startsWith("multipart/") && depth < MAX_DEPTH) {
      return multipart(part, type.equals("multipart/alternative"), depth);
    }
    if (type.equals("message/rfc822") && depth < MAX_DEPTH) {
      return text(Part.parse(part.body()), depth + 1);
    }
    if (type.equals("text/html")) {
      return HtmlText.of(decoded(part));
    }
    return type.equals("text/plain") || type.equals("text") ? decoded(part) : "";
  }

  private static String multipart(Part part, boolean alternative, int depth) {
    String boundary = part.parameter("boundary");
    if (boundary == null) {
      return "";
    }
    List<String> texts = new ArrayList<>();
    String plainAlternative = null;
    for (String entity : bodyParts(part.body(), "--" + boundary)) {
      Part child = Part.parse(entity);
      String text = text(child, depth + 1);
      if (text.isBlank()) {
        continue;
      }
      if (alternative && child.mediaType().equals("text/plain") && plainAlternative == null) {
        plainAlternative = text;
      }
      texts.add(text);
    }
    if (alternative) {
      return plainAlternative != null ? plainAlternative : texts.isEmpty() ? "" : texts.get(0);
    }
    return String.join("\n\n", texts);
  }

  /** The entities between delimiter lines; the preamble and epilogue are not parts. */
  private static List<String> bodyParts(String body, String delimiter) {
    List<String> parts = new ArrayList<>();
    StringBuilder current = null;
    for (String line : body.split("\n", -1)) {
      String trimmed = line.stripTrailing();
      if (trimmed.equals(delimiter) || trimmed.equals(delimiter + "--")) {
        if (current != null) {
          parts.add(current.toString());
        }
        current = trimmed.equals(delimiter) ? new StringBuilder() : null;
        if (current == null) {
          break;
        }
      } else if (current != null) {
        current.append(line).append('\n');
      }
    }
    if (current != null) {
      parts.add(current.toString());
    }
    return parts;
  }

  private static String decoded(Part part) {
    String encoding = part.headers().getOrDefault("content-transfer-encoding", "")
        .strip().toLowerCase(Locale.ROOT);
    byte[] bytes;
    if (encoding.equals("base64")) {
      try {
        bytes = Base64.getMimeDecoder().decode(part.body().strip());
      } catch (IllegalArgumentException e) {
        return "";
      }
    } else if (encoding.equals("quoted-printable")) {
      bytes = quotedPrintable(part.body());
    } else {
      return part.body();
    }
    return decode(bytes, part.parameter("charset"));
  }

  /** RFC 2045 quoted-printable: {@code =XX} is a byte, {@code =} at a line end joins lines. */
  static byte[] quotedPrintable(String body) {
    ByteBuffer out = ByteBuffer.allocate(body.length() * 3);
    for (int i = 0; i < body.length(); i++) {
      char c = body.charAt(i);
      if (c == '=' && i + 1 < body.length() && body.charAt(i + 1) == '\n') {
        i++;
      } else if (c == '=' && i + 2 < body.length()
          && Character.digit(body.charAt(i + 1), 16) >= 0 && Character.digit(body.charAt(i + 2), 16) >= 0) {
        out.put((byte) Integer.parseInt(body.substring(i + 1, i + 3), 16));
        i += 2;
      } else {
        out.put(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
      }
    }
    byte[] bytes = new byte[out.position()];
    out.flip().get(bytes);
    return bytes;
  }

  /** Bytes in the declared charset; an unknown or absent one is read as windows-1252, the usual truth. */
  private static String decode(byte[] bytes, String charsetName) {
    Charset charset = Charset.forName("windows-1252");
    try {
      if (charsetName != null && Charset.isSupported(charsetName.strip())) {
        charset = Charset.forName(charsetName.strip());
      }
    } catch (IllegalArgumentException e) {
      // an illegal charset name: keep the fallback
    }
    try {
      return charset.newDecoder()
          .onMalformedInput(CodingErrorAction.REPLACE)
          .onUnmappableCharacter(CodingErrorAction.REPLACE)
          .decode(ByteBuffer.wrap(bytes)).toString();
    } catch (java.nio.charset.CharacterCodingException e) {
      throw new IllegalStateException("a replacing decoder threw", e);
    }
  }

  private static String tidy(String text) {
    StringBuilder out = new StringBuilder();
    int blankRun = 0;
    for (String line : text.split("\n", -1)) {
      String trimmed = line.stripTrailing();
      if (trimmed.isEmpty()) {
        blankRun++;
        continue;
      }
      if (out.length() > 0) {
        out.append(blankRun > 0 ? "\n\n" : "\n");
      }
      out.append(trimmed);
      blankRun = 0;
    }
    return out.toString();
  }
}

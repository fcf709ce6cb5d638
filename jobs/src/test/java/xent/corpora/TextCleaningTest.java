package xent.corpora;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("fast")
class TextCleaningTest {

  @Test
  void brownTagsAreDroppedAndPunctuationRejoined() {
    String tagged = "\n\n\tThe/at jury/nn said/vbd ``/`` no/at evidence/nn ''/'' (/( of/in fraud/nn )/) ,/,"
        + " and/cc or/cc ;/. Atlanta's/np$ and/or/cc ./.\nIt/pps ended/vbd ./.\n\n\n\tNext/ap ./.\n";

    assertEquals("The jury said \"no evidence\" (of fraud), and or; Atlanta's and/or. It ended.\n\nNext.",
        BrownSource.text(tagged));
  }

  @Test
  void brownHeadlineStaysOnItsOwnLine() {
    assertEquals("Thirty-three\nScotty did not go.",
        BrownText.paragraph(List.of("Thirty-three/cd-hl ", "Scotty/np did/dod not/* go/vb ./.")));
  }

  @Test
  void mailHeaderBlockIsDroppedWithItsFoldedLines() {
    String mail = "From a@b.c  Thu Aug 22 12:36:23 2002\nReceived: from x\n\tby y\nSubject: Hi\n\n"
        + "Body line one.   \n\n\n\nBody two.\n";

    assertEquals("Body line one.\n\nBody two.", MailBody.of(mail));
  }

  @Test
  void multipartKeepsThePlainAlternativeAndDecodesQuotedPrintable() {
    String mail = "Subject: x\nContent-Type: multipart/alternative; boundary=\"BB\"\n\npreamble\n"
        + "--BB\nContent-Type: text/plain; charset=iso-8859-1\nContent-Transfer-Encoding: quoted-printable\n\n"
        + "caf=E9 soft=\nbreak\n"
        + "--BB\nContent-Type: text/html\n\n<p>caf&eacute; html</p>\n--BB--\nepilogue\n";

    assertEquals("caf\u00e9 softbreak", MailBody.of(mail));
  }

  @Test
  void htmlOnlyMailBecomesTextAndAttachmentsAreDropped() {
    String mail = "Content-Type: multipart/mixed; boundary=M\n\n"
        + "--M\nContent-Type: text/html\nContent-Transfer-Encoding: base64\n\n"
        + java.util.Base64.getMimeEncoder().encodeToString(
            "<html><head><title>t</title><style>p{}</style></head><body>Buy&nbsp;now<br>Save 50&#37;</body></html>"
                .getBytes(java.nio.charset.StandardCharsets.US_ASCII))
        + "\n--M\nContent-Type: application/octet-stream\nContent-Transfer-Encoding: base64\n\nAAAA\n--M--\n";

    assertEquals("Buy now\nSave 50%", MailBody.of(mail));
  }

  @Test
  void chunksStayWithinTheLimitAlongParagraphsAndLoseNoWord() {
    StringBuilder text = new StringBuilder();
    for (int p = 0; p < 40; p++) {
      for (int s = 0; s < 1 + p % 9; s++) {
        text.append("Paragraph ").append(p).append(" sentence ").append(s).append(" has some words. ");
      }
      text.append("\n\n");
    }
    text.append("x".repeat(700));
    Chunker chunker = new Chunker(256);

    List<String> chunks = chunker.chunks(text.toString());

    assertEquals(text.toString().replaceAll("\\s+", ""), String.join("", chunks).replaceAll("\\s+", ""),
        "the chunks hold the text, whitespace aside");
    for (int i = 0; i < chunks.size(); i++) {
      int bytes = Chunker.bytes(chunks.get(i));
      assertTrue(bytes <= 256 + 256 / 4 + 2, "chunk " + i + " has " + bytes + " bytes");
      assertTrue(!chunks.get(i).isBlank());
    }
    assertTrue(chunks.get(0).startsWith("Paragraph 0 sentence 0 has some words.\n\nParagraph 1"), chunks.get(0));
    assertTrue(chunks.size() > 30, "about 9,000 bytes in chunks of 256: " + chunks.size());
  }

  @Test
  void splitsAreStableAndNinetyFiveFive() {
    int[] counts = new int[3];
    for (int i = 0; i < 20_000; i++) {
      counts[Split.of("doc/" + i).ordinal()]++;
    }
    assertEquals(18_000, counts[0], 250);
    assertEquals(1_000, counts[1], 120);
    assertEquals(1_000, counts[2], 120);
    assertEquals(Split.of("brown/ca01"), Split.of("brown/ca01"));
    assertEquals("1800s", SotuSource.era(1800));
    assertEquals("1700s", SotuSource.era(1799));
  }

  @Test
  void htmlPartsDecodeEveryNamedReferenceAndDropCommentsScriptsAndStrayTags() {
    String html = "<html><body><!-- hidden <p>no</p> --><script>var x = '<p>';</script>"
        + "<table><tr><td>caf&eacute;&nbsp;&euro;5 &hellip;</td></tr><tr><td>a &lt;b&gt; c</td></tr></table>"
        + "<p>unclosed <b>bold <i>both</p><p>next\nline</body>";

    assertEquals("caf\u00e9 \u20ac5 \u2026\n\na <b> c\n\n\nunclosed bold both\n\nnext line", HtmlText.of(html));
  }
}

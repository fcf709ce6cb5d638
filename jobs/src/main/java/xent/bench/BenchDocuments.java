package xent.bench;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import xent.tokenize.Llama2cTokenizer;

/** The fixed text every case scores: documents adding up to at least N tokens of the 32k vocabulary. */
public final class BenchDocuments {

  private BenchDocuments() {}

  public static Path write(Path shared, Path corpus, Path out, int tokens) throws IOException {
    List<String> source = corpus != null ? texts(corpus)
        : List.of(Files.readString(shared.resolve("reference/tinystory.txt"), StandardCharsets.UTF_8)
            .split("\n(?=\\S)"));
    Llama2cTokenizer tokenizer =
        Llama2cTokenizer.read(shared.resolve("models/llama2c-32k/tokenizer.bin"), 32000);
    StringBuilder jsonl = new StringBuilder();
    int total = 0;
    for (int i = 0; total < tokens; i++) {
      String text = source.get(i % source.size());
      total += tokenizer.encode(text).length;
      JsonObject row = new JsonObject();
      row.addProperty("id", "bench-" + i);
      row.addProperty("text", text);
      jsonl.append(row).append('\n');
    }
    Files.createDirectories(out.getParent());
    Files.writeString(out, jsonl, StandardCharsets.UTF_8);
    return out;
  }

  /** The texts of a JSONL file, in order. */
  static List<String> texts(Path jsonl) throws IOException {
    List<String> texts = new ArrayList<>();
    for (String line : Files.readAllLines(jsonl, StandardCharsets.UTF_8)) {
      if (!line.isBlank()) {
        JsonObject row = JsonParser.parseString(line).getAsJsonObject();
        texts.add(row.get("text").getAsString());
      }
    }
    return texts;
  }
}

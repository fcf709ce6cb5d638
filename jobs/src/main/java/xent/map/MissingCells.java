package xent.map;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the matrix L left out: of {@code texts} texts scored by at least one selected model, only
 * {@code complete} were scored by all of them; {@code missing} gives, per model, how many of the
 * texts that model lacks.
 */
public record MissingCells(long texts, long complete, Map<String, Long> missing) {

  public MissingCells {
    missing = new LinkedHashMap<>(missing);
  }

  public long droppedTexts() {
    return texts - complete;
  }

  /** One line per model that lacks texts, or one line saying none does. */
  public void print(PrintStream out) {
    out.printf("xent map: %d texts scored by every model (%d of %d dropped)%n", complete, droppedTexts(), texts);
    missing.forEach((model, n) -> {
      if (n > 0) {
        out.printf("xent map:   %s lacks %d texts%n", model, n);
      }
    });
  }
}

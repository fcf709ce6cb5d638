package xent.notebook;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The test's stand-in for Zeppelin's {@code z} (ZeppelinContext), which does not exist outside
 * Zeppelin: the part of it the notes use. {@code z.textbox(name, default)} returns the value the
 * test gives for that form, else the form's default, as a Zeppelin form left untouched does;
 * {@code z.show(dataset)} prints the rows as Zeppelin's {@code %table} output does (tab-separated,
 * header first) and records them for the test.
 */
public final class NoteContext {

  /** What one {@code z.show} displayed. */
  public record Shown(List<String> columns, List<Row> rows) {}

  private static final int MAX_ROWS = 1000; // zeppelin.spark.maxResult's default

  private final Map<String, String> values;
  private final Map<String, String> defaults = new LinkedHashMap<>();
  private final List<Shown> shown = new ArrayList<>();

  /** @param values the value of every form that should not take its default */
  NoteContext(Map<String, String> values) {
    this.values = Map.copyOf(values);
  }

  public Object textbox(String name, String defaultValue) {
    defaults.put(name, defaultValue);
    return values.getOrDefault(name, defaultValue);
  }

  public Object textbox(String name) {
    return textbox(name, "");
  }

  public void show(Object table) {
    if (!(table instanceof Dataset<?> dataset)) {
      throw new IllegalArgumentException("z.show takes a Dataset, not " + table.getClass().getName());
    }
    Dataset<Row> frame = dataset.toDF();
    List<Row> rows = frame.limit(MAX_ROWS).collectAsList();
    shown.add(new Shown(List.of(frame.columns()), rows));
    StringBuilder out = new StringBuilder("%table ").append(String.join("\t", frame.columns())).append('\n');
    for (Row row : rows) {
      List<String> cells = new ArrayList<>();
      for (int i = 0; i < row.size(); i++) {
        cells.add(String.valueOf(row.get(i)));
      }
      out.append(String.join("\t", cells)).append('\n');
    }
    scala.Console.out().print(out);
  }

  /** The tables shown since the last call, and forgets them. */
  List<Shown> takeShown() {
    List<Shown> out = List.copyOf(shown);
    shown.clear();
    return out;
  }

  /** Each form the notes created, with its default. */
  Map<String, String> defaults() {
    return Map.copyOf(defaults);
  }
}

package xent.inventory;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * A table of facts about models, keyed by the column {@code model} (the name in the score table):
 * the output of {@code xent models}, a spreadsheet exported as CSV, or JSON lines (one object per
 * line, a file ending in .jsonl or .json). Cells are text; an empty cell or JSON null is unknown.
 *
 * @param file where it was read, for messages
 * @param columns the columns other than model, in file order
 * @param rows model name to column to non-empty cell
 */
public record MetadataTable(Path file, List<String> columns, Map<String, Map<String, String>> rows) {

  public static final String KEY = "model";

  public MetadataTable {
    columns = List.copyOf(columns);
    rows = Collections.unmodifiableMap(new LinkedHashMap<>(rows));
  }

  /** Reads CSV, or JSON lines when the name ends in .jsonl or .json. */
  public static MetadataTable read(Path file) throws IOException {
    String name = file.getFileName().toString();
    return name.endsWith(".jsonl") || name.endsWith(".json") ? readJsonLines(file) : readCsv(file);
  }

  /** The row of {@code model}, empty when the table has none. */
  public Optional<Map<String, String>> row(String model) {
    return Optional.ofNullable(rows.get(model));
  }

  private static MetadataTable readCsv(Path file) throws IOException {
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        CSVParser csv = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true)
            .setIgnoreSurroundingSpaces(true).setIgnoreEmptyLines(true).get().parse(reader)) {
      List<String> header = csv.getHeaderNames();
      if (!header.contains(KEY)) {
        throw new IOException(file + ": no column '" + KEY + "' (the model names of the score table); columns are " + header);
      }
      Builder table = new Builder(file);
      header.forEach(table::column);
      for (CSVRecord record : csv) {
        if (!record.isConsistent()) {
          throw new IOException(file + ": line " + record.getParser().getCurrentLineNumber() + " has "
              + record.size() + " fields, the header has " + header.size());
        }
        table.add("line " + record.getParser().getCurrentLineNumber(), record.toMap());
      }
      return table.build();
    } catch (IllegalArgumentException | java.io.UncheckedIOException e) {
      throw new IOException(file + ": not a CSV table: " + e.getMessage(), e);
    }
  }

  private static MetadataTable readJsonLines(Path file) throws IOException {
    Builder table = new Builder(file);
    table.column(KEY);
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).isBlank()) {
        continue;
      }
      JsonObject object;
      try {
        object = JsonParser.parseString(lines.get(i)).getAsJsonObject();
      } catch (RuntimeException e) {
        throw new IOException(file + ": line " + (i + 1) + " is not a JSON object");
      }
      Map<String, String> cells = new LinkedHashMap<>();
      for (Map.Entry<String, JsonElement> e : object.entrySet()) {
        table.column(e.getKey());
        JsonElement v = e.getValue();
        cells.put(e.getKey(), v.isJsonNull() ? "" : v.isJsonPrimitive() ? v.getAsString() : v.toString());
      }
      table.add("line " + (i + 1), cells);
    }
    return table.build();
  }

  /** Rows as they are read, refusing a row without a model name and a name given twice. */
  private static final class Builder {
    private final Path file;
    private final LinkedHashSet<String> columns = new LinkedHashSet<>();
    private final Map<String, Map<String, String>> rows = new LinkedHashMap<>();
    private final Map<String, String> where = new LinkedHashMap<>();

    Builder(Path file) {
      this.file = file;
    }

    void column(String name) {
      columns.add(name);
    }

    void add(String at, Map<String, String> cells) throws IOException {
      String model = cells.getOrDefault(KEY, "").trim();
      if (model.isEmpty()) {
        throw new IOException(file + ": " + at + " has no model name");
      }
      String earlier = where.put(model, at);
      if (earlier != null) {
        throw new IOException(file + ": model '" + model + "' is on " + earlier + " and " + at);
      }
      Map<String, String> known = new LinkedHashMap<>();
      cells.forEach((k, v) -> {
        if (!k.equals(KEY) && v != null && !v.trim().isEmpty()) {
          known.put(k, v.trim());
        }
      });
      rows.put(model, known);
    }

    MetadataTable build() throws IOException {
      if (rows.isEmpty()) {
        throw new IOException(file + ": no rows");
      }
      List<String> others = new ArrayList<>(columns);
      others.remove(KEY);
      return new MetadataTable(file, others, rows);
    }
  }
}

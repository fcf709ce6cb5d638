package xent.table;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A CSV file with a header line, held as text: RFC 4180 quoting (fields in double quotes may hold
 * commas and doubled quotes), no line breaks inside fields.
 */
public record CsvTable(Path file, List<String> header, List<List<String>> rows) {

  public CsvTable {
    header = List.copyOf(header);
    rows = List.copyOf(rows);
  }

  public static CsvTable read(Path file) throws IOException {
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8).stream()
        .filter(line -> !line.isBlank()).toList();
    if (lines.isEmpty()) {
      throw new IOException(file + ": empty CSV file, expected a header line");
    }
    List<String> header = split(lines.get(0));
    List<List<String>> rows = new ArrayList<>();
    for (int i = 1; i < lines.size(); i++) {
      List<String> row = split(lines.get(i));
      if (row.size() != header.size()) {
        throw new IOException(file + ": line " + (i + 1) + " has " + row.size() + " fields, the header has " + header.size());
      }
      rows.add(row);
    }
    return new CsvTable(file, header, rows);
  }

  public boolean has(String column) {
    return header.contains(column);
  }

  /** The column as text. */
  public List<String> text(String column) {
    int index = index(column);
    return rows.stream().map(row -> row.get(index)).toList();
  }

  /** The column as numbers; an empty field is NaN. */
  public double[] numbers(String column) {
    int index = index(column);
    double[] values = new double[rows.size()];
    for (int i = 0; i < values.length; i++) {
      String field = rows.get(i).get(index).trim();
      try {
        values[i] = field.isEmpty() ? Double.NaN : Double.parseDouble(field);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(file + ": row " + (i + 1) + ", column '" + column + "': '" + field + "' is not a number");
      }
    }
    return values;
  }

  private int index(String column) {
    int index = header.indexOf(column);
    if (index < 0) {
      throw new IllegalArgumentException(file + ": no column '" + column + "'; columns are " + header);
    }
    return index;
  }

  static List<String> split(String line) {
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char ch = line.charAt(i);
      if (quoted) {
        if (ch == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
          field.append('"');
          i++;
        } else if (ch == '"') {
          quoted = false;
        } else {
          field.append(ch);
        }
      } else if (ch == '"') {
        quoted = true;
      } else if (ch == ',') {
        fields.add(field.toString());
        field.setLength(0);
      } else {
        field.append(ch);
      }
    }
    fields.add(field.toString());
    return fields;
  }

  /** A field for a CSV line: quoted when it holds a comma, quote or line break. */
  public static String field(String value) {
    if (value.contains(",") || value.contains("\"") || value.contains("\n")) {
      return '"' + value.replace("\"", "\"\"") + '"';
    }
    return value;
  }
}

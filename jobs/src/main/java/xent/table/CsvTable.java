package xent.table;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

/**
 * A CSV file with a header line, held as text: RFC 4180 (fields in double quotes may hold commas,
 * doubled quotes and line breaks), read and written by commons-csv. Files are written with
 * {@code \n} line ends, a field quoted only where it must be.
 */
public record CsvTable(Path file, List<String> header, List<List<String>> rows) {

  /** How every CSV of the jobs is read and written. */
  public static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setRecordSeparator('\n')
      .setIgnoreEmptyLines(true).get();

  public CsvTable {
    header = List.copyOf(header);
    rows = List.copyOf(rows);
  }

  public static CsvTable read(Path file) throws IOException {
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        CSVParser parser = FORMAT.parse(in)) {
      List<String> header = null;
      List<List<String>> rows = new ArrayList<>();
      for (CSVRecord record : parser) {
        List<String> row = record.toList();
        if (header == null) {
          header = row;
        } else if (row.size() != header.size()) {
          throw new IOException(file + ": line " + parser.getCurrentLineNumber() + " has " + row.size()
              + " fields, the header has " + header.size());
        } else {
          rows.add(row);
        }
      }
      if (header == null) {
        throw new IOException(file + ": empty CSV file, expected a header line");
      }
      return new CsvTable(file, header, rows);
    } catch (java.io.UncheckedIOException e) {
      throw new IOException(file + ": " + e.getCause().getMessage(), e.getCause());
    }
  }

  /** A printer writing {@code file} in {@link #FORMAT}, the header line already printed. */
  public static CSVPrinter printer(Path file, List<String> header) throws IOException {
    CSVPrinter printer = FORMAT.print(Files.newBufferedWriter(file, StandardCharsets.UTF_8));
    printer.printRecord(header);
    return printer;
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
}

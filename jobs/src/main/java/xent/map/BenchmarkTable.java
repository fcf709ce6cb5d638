package xent.map;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import xent.table.CsvTable;

/**
 * Benchmark scores per model from a CSV: a header {@code model,BENCH1,BENCH2,...}, then one row per
 * model; an empty cell is an unknown score.
 */
public record BenchmarkTable(List<String> benchmarks, Map<String, double[]> rows) {

  public static BenchmarkTable read(Path file) throws IOException {
    CsvTable csv = CsvTable.read(file);
    List<String> header = csv.header();
    if (header.size() < 2) {
      throw new IOException(file + ": the header needs a model column and at least one benchmark column");
    }
    List<String> benchmarks = header.subList(1, header.size()).stream().map(String::strip).toList();
    Map<String, double[]> rows = new HashMap<>();
    for (int n = 0; n < csv.rows().size(); n++) {
      List<String> cells = csv.rows().get(n);
      double[] values = new double[benchmarks.size()];
      for (int b = 0; b < values.length; b++) {
        String cell = cells.get(b + 1).strip();
        try {
          values[b] = cell.isEmpty() ? Double.NaN : Double.parseDouble(cell);
        } catch (NumberFormatException e) {
          throw new IOException(file + " row " + (n + 1) + ": " + benchmarks.get(b) + " is not a number: " + cell, e);
        }
      }
      rows.put(cells.get(0).strip(), values);
    }
    return new BenchmarkTable(benchmarks, rows);
  }

  /** The scores of {@code benchmark} for {@code models}, NaN where the CSV has none. */
  public double[] scores(String benchmark, List<String> models) {
    int b = benchmarks.indexOf(benchmark);
    return models.stream().mapToDouble(m -> rows.containsKey(m) ? rows.get(m)[b] : Double.NaN).toArray();
  }
}

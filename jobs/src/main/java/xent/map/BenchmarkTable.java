package xent.map;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Benchmark scores per model from a CSV: a header {@code model,BENCH1,BENCH2,...}, then one row per
 * model; an empty cell is an unknown score. Plain comma-separated values (no quoted commas).
 */
public record BenchmarkTable(List<String> benchmarks, Map<String, double[]> rows) {

  public static BenchmarkTable read(Path file) throws IOException {
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank()).toList();
    if (lines.isEmpty()) {
      throw new IOException(file + " is empty; expected a header model,BENCHMARK,...");
    }
    String[] header = lines.get(0).split(",", -1);
    if (header.length < 2) {
      throw new IOException(file + ": the header needs a model column and at least one benchmark column");
    }
    List<String> benchmarks = List.of(header).subList(1, header.length).stream().map(String::strip).toList();
    Map<String, double[]> rows = new HashMap<>();
    for (int n = 1; n < lines.size(); n++) {
      String[] cells = lines.get(n).split(",", -1);
      if (cells.length != header.length) {
        throw new IOException(file + " line " + (n + 1) + " has " + cells.length + " cells; the header has " + header.length);
      }
      double[] values = new double[benchmarks.size()];
      for (int b = 0; b < values.length; b++) {
        String cell = cells[b + 1].strip();
        try {
          values[b] = cell.isEmpty() ? Double.NaN : Double.parseDouble(cell);
        } catch (NumberFormatException e) {
          throw new IOException(file + " line " + (n + 1) + ": " + benchmarks.get(b) + " is not a number: " + cell, e);
        }
      }
      rows.put(cells[0].strip(), values);
    }
    return new BenchmarkTable(benchmarks, rows);
  }

  /** The scores of {@code benchmark} for {@code models}, NaN where the CSV has none. */
  public double[] scores(String benchmark, List<String> models) {
    int b = benchmarks.indexOf(benchmark);
    return models.stream().mapToDouble(m -> rows.containsKey(m) ? rows.get(m)[b] : Double.NaN).toArray();
  }
}

package xent.map;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import xent.inventory.MetadataTable;

/**
 * The map's columns from a metadata table ({@code xent map --metadata}, e.g. the output of {@code
 * xent models}): every column of the table for every model, null where the model has no row or an
 * empty cell. A column whose cells are all whole numbers is a long (so N and step sort and colour as
 * numbers in Parquet), any other text.
 */
final class MetadataTableColumns {

  private final MetadataTable table;
  private final Set<String> whole;

  MetadataTableColumns(MetadataTable table, Set<String> mapColumns) {
    this.table = table;
    for (String column : table.columns()) {
      if (mapColumns.contains(column)) {
        throw new IllegalArgumentException(table.file() + ": column '" + column + "' is one the map computes;"
            + " rename it in the table");
      }
    }
    this.whole = new HashSet<>();
    for (String column : table.columns()) {
      if (table.rows().values().stream().map(r -> r.get(column)).allMatch(c -> c == null || isWhole(c))) {
        whole.add(column);
      }
    }
  }

  /** Column name to value for {@code model}, every table column present. */
  Map<String, Object> of(String model) {
    Map<String, String> row = table.row(model).orElse(Map.of());
    Map<String, Object> out = new LinkedHashMap<>();
    for (String column : table.columns()) {
      String cell = row.get(column);
      out.put(column, cell == null ? null : whole.contains(column) ? (Object) Long.valueOf(cell) : cell);
    }
    return out;
  }

  /** The table's models that the map does not hold, for a warning. */
  List<String> absentFrom(List<String> models) {
    return table.rows().keySet().stream().filter(m -> !models.contains(m)).toList();
  }

  private static boolean isWhole(String cell) {
    try {
      Long.parseLong(cell);
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }
}

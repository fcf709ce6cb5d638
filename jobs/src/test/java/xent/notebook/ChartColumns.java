package xent.notebook;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The result columns a paragraph's chart names, as Zeppelin's built-in visualisations read them:
 * scatterChart from {@code setting.scatterChart} (xAxis, yAxis, group, size), the pivot charts from
 * {@code keys}, {@code groups} and {@code values}; each names a column and its index in the result.
 */
final class ChartColumns {

  /** A column a chart uses; numeric when it is plotted on an axis or aggregated. */
  record Column(String role, String name, int index, boolean numeric) {}

  static final Set<String> MODES = Set.of("table", "scatterChart", "lineChart", "multiBarChart");

  private ChartColumns() {}

  /** The columns {@code graph} names; throws when its mode is unknown or required roles are missing. */
  static List<Column> of(JsonObject graph) {
    String mode = graph.get("mode").getAsString();
    if (!MODES.contains(mode)) {
      throw new IllegalArgumentException("chart mode " + mode + " is not one of " + MODES);
    }
    List<Column> columns = new ArrayList<>();
    switch (mode) {
      case "scatterChart" -> {
        JsonObject scatter = graph.getAsJsonObject("setting").getAsJsonObject("scatterChart");
        for (String role : List.of("xAxis", "yAxis", "group", "size")) {
          if (scatter.has(role)) {
            columns.add(column(role, scatter.getAsJsonObject(role), !role.equals("group")));
          }
        }
        require(columns, "xAxis", mode);
        require(columns, "yAxis", mode);
      }
      case "lineChart", "multiBarChart" -> {
        for (String role : List.of("keys", "groups", "values")) {
          for (JsonElement e : graph.getAsJsonArray(role)) {
            columns.add(column(role, e.getAsJsonObject(), role.equals("values")));
          }
        }
        require(columns, "keys", mode);
        require(columns, "values", mode);
      }
      default -> { }
    }
    return columns;
  }

  private static Column column(String role, JsonObject json, boolean numeric) {
    return new Column(role, json.get("name").getAsString(), (int) json.get("index").getAsDouble(), numeric);
  }

  private static void require(List<Column> columns, String role, String mode) {
    if (columns.stream().noneMatch(c -> c.role().equals(role))) {
      throw new IllegalArgumentException(mode + " names no " + role + " column");
    }
  }
}

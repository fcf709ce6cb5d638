package xent.map;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import xent.train.GridResult;

/**
 * The group of each model that a training grid trained (MODEL_DIRS/grid.json of xent train-grid),
 * for the map's colour key: coloured by domain, the runs of the scaling grid all share one data
 * mix and would read as "mixture", as if they were the random mixtures; they are named for what
 * they are instead.
 */
final class GridGroups {

  private final Map<String, String> groups = new HashMap<>();

  private GridGroups() {}

  /** The groups of MODEL_DIRS/grid.json; none without the file (models from elsewhere). */
  static GridGroups of(Path modelDirs) throws IOException {
    GridGroups out = new GridGroups();
    Path file = modelDirs == null ? null : modelDirs.resolve("grid.json");
    if (file != null && Files.isRegularFile(file)) {
      GridResult.readAll(file).forEach(r -> out.groups.put(r.name(), r.group()));
    }
    return out;
  }

  /** The colour key of a model coloured by its domain: the domain, or its grid's group when that says more. */
  String domainKey(String model, String domain) {
    String group = groups.get(model);
    if ("scaling".equals(group)) {
      return "scaling grid";
    }
    if ("mixture".equals(group)) {
      return domain == null || domain.equals("mixture") ? "random mixture" : "random mixture, mostly " + domain;
    }
    return domain == null ? "?" : domain;
  }
}

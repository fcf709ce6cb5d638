package xent.scoring;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The resume ledger: which units (model, split) of OUT are committed. A unit's tables are renamed
 * into place first and its marker written last, so a run that dies leaves each unit either
 * committed (marker present) or absent, and a rerun does only the absent ones.
 */
final class UnitLedger {

  private static final Logger LOG = LoggerFactory.getLogger(UnitLedger.class);

  /** One (model, split). */
  record Unit(ModelRef model, int split) {}

  private final ScoreFolder folder;
  private final FileSystem fs;

  UnitLedger(ScoreFolder folder) {
    this.folder = folder;
    this.fs = folder.fs();
  }

  /** The units of {@code models} x {@code splits} that are not committed yet, models first. */
  List<Unit> todo(List<ModelRef> models, Iterable<Integer> splits) throws IOException {
    List<Unit> todo = new ArrayList<>();
    for (ModelRef model : models) {
      for (int split : splits) {
        if (!fs.exists(marker(model.name(), split))) {
          todo.add(new Unit(model, split));
        }
      }
    }
    return todo;
  }

  /** Committed units of any model. */
  long committedUnits() throws IOException {
    long n = 0;
    if (fs.exists(folder.units())) {
      for (var files = fs.listFiles(folder.units(), true); files.hasNext(); ) {
        if (files.next().getPath().getName().endsWith(".json")) {
          n++;
        }
      }
    }
    return n;
  }

  /** Moves a unit's tables into place, then writes its marker: the marker is the commit. */
  void commit(Unit unit, Path scores, Path rejects, UnitStats stats) throws IOException {
    String model = unit.model().name();
    String part = "model=" + model + "/split=" + unit.split();
    replace(rejects, new Path(folder.out(), "rejects/" + part));
    replace(scores, new Path(folder.out(), "scores/" + part));
    Path marker = marker(model, unit.split());
    Path pending = marker.suffix(".pending");
    folder.write(pending, stats.toJson());
    if (!fs.rename(pending, marker)) {
      throw new IOException("cannot commit unit " + part + ": rename to " + marker + " failed");
    }
    LOG.info("committed unit {}: {} scored, {} rejected", part, stats.scored(), stats.rejected());
  }

  /** The names of the models with a folder of markers, sorted. */
  List<String> models() throws IOException {
    List<String> names = new ArrayList<>();
    if (fs.exists(folder.units())) {
      for (FileStatus dir : fs.listStatus(folder.units())) {
        String name = dir.getPath().getName();
        if (dir.isDirectory() && name.startsWith("model=")) {
          names.add(name.substring("model=".length()));
        }
      }
    }
    names.sort(null);
    return names;
  }

  /** The totals of each of {@code models} over its committed units; a model without any is absent. */
  Map<String, UnitStats> totals(List<String> models) throws IOException {
    Map<String, UnitStats> totals = new TreeMap<>();
    for (String model : models) {
      Path dir = new Path(folder.units(), "model=" + model);
      if (!fs.exists(dir)) {
        continue;
      }
      for (FileStatus f : fs.listStatus(dir)) {
        if (f.getPath().getName().endsWith(".json")) {
          totals.merge(model, UnitStats.fromJson(folder.read(f.getPath())), UnitStats::plus);
        }
      }
    }
    return totals;
  }

  private void replace(Path from, Path to) throws IOException {
    fs.delete(to, true);
    fs.mkdirs(to.getParent());
    if (!fs.rename(from, to)) {
      throw new IOException("cannot move " + from + " to " + to);
    }
  }

  private Path marker(String model, int split) {
    return new Path(folder.units(), "model=" + model + "/split=" + split + ".json");
  }
}

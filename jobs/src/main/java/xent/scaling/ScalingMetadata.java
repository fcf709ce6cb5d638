package xent.scaling;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import xent.inventory.MetadataTable;
import xent.inventory.ModelSuite;
import xent.model.ModelSpec;
import xent.train.TrainingMetadata;

/**
 * Where {@code scaling dataset} finds each model's N, D, C and step: each {@code --models} source
 * in the order given, a folder holding NAME/training.json or a metadata table (CSV or JSON lines);
 * the first source that knows the model wins.
 */
public final class ScalingMetadata {

  /** One place that may know a model. */
  private interface Source {
    Optional<CheckpointFacts> facts(String model) throws IOException;
  }

  /**
   * FOLDER/NAME/training.json, as xent train-grid writes them, or the training.json of the
   * checkpoint {@link ModelSuite} names NAME below FOLDER (a suite's nested step folders).
   */
  private static final class Folder implements Source {
    private final Path folder;
    private Map<String, Path> suite;

    Folder(Path folder) {
      this.folder = folder;
    }

    @Override
    public Optional<CheckpointFacts> facts(String model) throws IOException {
      Path file = folder.resolve(model).resolve("training.json");
      if (!Files.isRegularFile(file)) {
        if (suite == null) {
          suite = new HashMap<>();
          for (ModelSpec spec : new ModelSuite(null, folder.toString()).membersOrNone()) {
            suite.put(spec.name(), spec.path());
          }
        }
        Path checkpoint = suite.get(model);
        file = checkpoint == null ? file : checkpoint.resolve("training.json");
      }
      return Files.isRegularFile(file) ? Optional.of(CheckpointFacts.of(TrainingMetadata.read(file)))
          : Optional.empty();
    }

    @Override
    public String toString() {
      return folder + "/NAME/training.json";
    }
  }

  /** A row per model of a metadata table. */
  private record Table(MetadataTable table) implements Source {
    @Override
    public Optional<CheckpointFacts> facts(String model) {
      return table.row(model).map(row -> TableFacts.of(table, model, row));
    }

    @Override
    public String toString() {
      return table.file().toString();
    }
  }

  private final List<Source> sources;

  private ScalingMetadata(List<Source> sources) {
    this.sources = List.copyOf(sources);
  }

  /** Reads the sources: a folder is a folder of checkpoints, a file a metadata table. */
  public static ScalingMetadata of(List<Path> paths) throws IOException {
    List<Source> sources = new ArrayList<>();
    for (Path path : paths) {
      sources.add(Files.isDirectory(path) ? new Folder(path) : new Table(MetadataTable.read(path)));
    }
    return new ScalingMetadata(sources);
  }

  /** The facts of {@code model}, empty when no source knows it. */
  public Optional<CheckpointFacts> of(String model) throws IOException {
    for (Source source : sources) {
      Optional<CheckpointFacts> facts = source.facts(model);
      if (facts.isPresent()) {
        return facts;
      }
    }
    return Optional.empty();
  }

  @Override
  public String toString() {
    return sources.toString();
  }
}

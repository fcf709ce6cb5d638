package xent.scoring;

import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.SparkFiles;
import xent.model.ModelSpec;

/**
 * A model as the driver names it, serializable for tasks.
 *
 * @param name the name results are reported under
 * @param path the folder as given: on a shared file system, or shipped with
 *     {@code --files}/{@code --archives}, in which case tasks find it in their working directory
 *     or through {@link SparkFiles}
 */
public record ModelRef(String name, String path) implements Serializable {

  public static ModelRef of(ModelSpec spec) {
    return new ModelRef(spec.name(), spec.path().toString());
  }

  /** The spec as given, for the driver. */
  public ModelSpec spec() {
    return new ModelSpec(name, Path.of(path));
  }

  /** The spec with its folder resolved where this task can read it. */
  public ModelSpec localSpec() {
    Path given = Path.of(path);
    if (Files.exists(given)) {
      return new ModelSpec(name, given);
    }
    Path fileName = given.getFileName();
    if (fileName != null) {
      Path inWorkDir = Path.of(fileName.toString()); // --archives unpack beside the task
      if (Files.exists(inWorkDir)) {
        return new ModelSpec(name, inWorkDir.toAbsolutePath());
      }
      Path shipped = Path.of(SparkFiles.get(fileName.toString()));
      if (Files.exists(shipped)) {
        return new ModelSpec(name, shipped);
      }
    }
    throw new IllegalStateException("model " + name + ": " + path + " is not readable on this"
        + " executor; put it on a shared file system or ship it with --archives");
  }
}

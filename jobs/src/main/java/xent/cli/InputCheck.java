package xent.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import xent.model.ModelSpec;
import xent.model.checkpoint.Checkpoints;

/** Checks of the inputs a command names, run on the driver before any work starts. */
public final class InputCheck {

  private static final String SPARK_HADOOP = "spark.hadoop.";

  private InputCheck() {}

  /** The model's folder exists and holds a checkpoint xent reads (not a pickle). */
  public static void model(ModelSpec spec) {
    try {
      Checkpoints.open(spec.path());
    } catch (IOException | RuntimeException e) {
      throw new InputError("model '" + spec + "': " + e.getMessage(), e);
    }
  }

  /** A local file that must exist and be readable; {@code what} says what it is for ("corpus file"). */
  public static void file(Path file, String what) {
    if (file == null) {
      return;
    }
    if (!Files.exists(file)) {
      throw new InputError(what + " " + file + " does not exist");
    }
    if (!Files.isRegularFile(file)) {
      throw new InputError(what + " " + file + " is not a file");
    }
    if (!Files.isReadable(file)) {
      throw new InputError(what + " " + file + " is not readable");
    }
  }

  /** A local folder that must exist. */
  public static void folder(Path folder, String what) {
    if (folder != null && !Files.isDirectory(folder)) {
      throw new InputError(what + " " + folder + (Files.exists(folder) ? " is not a folder" : " does not exist"));
    }
  }

  /**
   * A path or Hadoop glob (a corpus, a score table) that must match something. Checked here only
   * when it lies on the local file system; on HDFS or an object store the job finds out once
   * Spark runs, with the cluster's settings.
   */
  public static void paths(String pathOrGlob, String what) throws IOException {
    org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(pathOrGlob);
    if (!"file".equals(schemeOf(path))) {
      return;
    }
    if (!pathOrGlob.matches(".*[*?\\[{].*")) {
      if (!Files.exists(Path.of(path.toUri().getPath()))) {
        throw new InputError(what + " " + pathOrGlob + " does not exist");
      }
      return;
    }
    FileStatus[] matches = path.getFileSystem(driverConf()).globStatus(path);
    if (matches == null || matches.length == 0) {
      throw new InputError(what + " glob '" + pathOrGlob + "' matches no files");
    }
  }

  /**
   * The file system a path lies on. Without a core-site.xml or spark.hadoop.fs.defaultFS the
   * default is Hadoop's own, file:///, known without starting Hadoop's configuration (seconds of
   * class loading on a busy machine, before every job).
   */
  private static String schemeOf(org.apache.hadoop.fs.Path path) {
    if (path.toUri().getScheme() != null) {
      return path.toUri().getScheme();
    }
    boolean configured = ClassLoader.getSystemResource("core-site.xml") != null
        || System.getProperty(SPARK_HADOOP + "fs.defaultFS") != null;
    return configured ? FileSystem.getDefaultUri(driverConf()).getScheme() : "file";
  }

  /** The Hadoop settings Spark will give the job: the classpath's plus spark.hadoop.* properties. */
  private static Configuration driverConf() {
    Configuration conf = new Configuration();
    for (String key : System.getProperties().stringPropertyNames()) {
      if (key.startsWith(SPARK_HADOOP)) {
        conf.set(key.substring(SPARK_HADOOP.length()), System.getProperty(key));
      }
    }
    return conf;
  }
}

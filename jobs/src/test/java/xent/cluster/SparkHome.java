package xent.cluster;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A Spark installation laid out from the project's packaged jars (jobs/target after
 * {@code mvn package}): what a standalone Worker needs to launch executors.
 */
record SparkHome(Path dir) {

  /** Lays out {@code dir}: an empty RELEASE file, jars/ linking the packaged jars, and conf/. */
  static SparkHome layOut(Path dir, Path xentHome) throws IOException {
    Path target = xentHome.resolve("jobs/target");
    Path sparkLib = target.resolve("spark-lib");
    if (!Files.isDirectory(sparkLib)) {
      throw new IllegalStateException(sparkLib + " is missing: run mvn package first");
    }
    // The launcher's command builder reads jars/ as a distribution's only when RELEASE exists;
    // otherwise it looks for a source build's assembly/target.
    Files.createFile(dir.resolve("RELEASE"));
    Path jars = Files.createDirectories(dir.resolve("jars"));
    for (Path jar : packagedJars(target)) {
      Files.createSymbolicLink(jars.resolve(jar.getFileName()), jar);
    }
    Path conf = Files.createDirectories(dir.resolve("conf"));
    for (String file : List.of("spark-defaults.conf", "log4j2.properties")) {
      Files.copy(xentHome.resolve("conf").resolve(file), conf.resolve(file));
    }
    return new SparkHome(dir);
  }

  /** spark-lib/, lib/ without slf4j-simple (Spark binds slf4j to log4j2) and the jobs jar. */
  private static List<Path> packagedJars(Path target) throws IOException {
    List<Path> jars = new ArrayList<>(jarsIn(target.resolve("spark-lib")));
    jars.addAll(jarsIn(target.resolve("lib")).stream()
        .filter(jar -> !jar.getFileName().toString().startsWith("slf4j-simple-"))
        .toList());
    jars.addAll(jarsIn(target).stream()
        .filter(jar -> jar.getFileName().toString().startsWith("xent-jobs-"))
        .filter(jar -> !jar.getFileName().toString().endsWith("-shaded.jar"))
        .toList());
    return jars;
  }

  private static List<Path> jarsIn(Path folder) throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      return files.filter(file -> file.toString().endsWith(".jar")).sorted().toList();
    }
  }

  /** The classpath of Spark's own scripts: conf/ for log4j2.properties, then jars/. */
  String classpath() {
    return dir.resolve("conf") + File.pathSeparator + dir.resolve("jars") + File.separator + "*";
  }
}

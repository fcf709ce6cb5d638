package xent.notebook;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import org.apache.spark.sql.SparkSession;
import scala.Console;
import scala.Option;
import scala.jdk.javaapi.CollectionConverters;
import scala.tools.nsc.Settings;
import scala.tools.nsc.interpreter.IMain;
import scala.tools.nsc.interpreter.Results;
import scala.tools.nsc.interpreter.shell.ReplReporterImpl;

/**
 * Spark's Scala shell, set up in this JVM as spark-repl's {@code Main} and {@code SparkILoop} (and
 * Zeppelin's Spark interpreter, which embeds them) set it up: the Scala 2.13 interpreter with
 * class-based line wrappers ({@code -Yrepl-class-based}) writing its classes to a folder
 * ({@code -Yrepl-outdir}), the running session bound as {@code spark} and the same initialisation
 * commands ({@code sc}, {@code spark.implicits._}, {@code spark.sql}, {@code functions._}).
 * Zeppelin's {@code z} is bound to a {@link NoteContext}.
 *
 * <p>The classes a line defines reach executors through spark.repl.class.outputDir only when the
 * session is started by the shell; the notes define none that a task runs, so the test JVM's
 * session, started before the shell, serves.
 */
final class SparkShell implements AutoCloseable {

  private final IMain intp;
  private final ByteArrayOutputStream output = new ByteArrayOutputStream();
  private final PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8);

  SparkShell(SparkSession spark, NoteContext z, Path classes) throws IOException {
    Settings settings = new Settings();
    List<String> args = List.of("-Yrepl-class-based", "-Yrepl-outdir", classes.toString(), "-classpath", classpath());
    Object accepted = settings.processArguments(CollectionConverters.asScala(args).toList(), true);
    if (!settings.Yreplclassbased().value()) {
      throw new IllegalStateException("the Scala interpreter refused " + args + ": " + accepted);
    }
    intp = new IMain(settings, new ReplReporterImpl(settings, new PrintWriter(out, true)));
    bind("spark", SparkSession.class, spark);
    bind("z", NoteContext.class, z);
    for (String line : List.of(
        "@transient val sc = spark.sparkContext",
        "import org.apache.spark.SparkContext._",
        "import spark.implicits._",
        "import spark.sql",
        "import org.apache.spark.sql.functions._")) {
      run(line);
    }
  }

  /** Interprets {@code code} as one paragraph and returns what it printed: the shell's echo and its own output. */
  String run(String code) {
    output.reset();
    Results.Result result = Console.withOut(out, () -> intp.interpret(code));
    out.flush();
    String printed = output.toString(StandardCharsets.UTF_8);
    if (!(result instanceof Results.Success$)) {
      throw new AssertionError("the Scala shell answered " + result + " to\n" + code + "\n" + printed);
    }
    return printed;
  }

  /** The value of a term the shell defined. */
  Object value(String name) {
    Option<Object> value = intp.valueOfTerm(name);
    if (value.isEmpty()) {
      throw new AssertionError("the shell has no value " + name);
    }
    return value.get();
  }

  private <T> void bind(String name, Class<T> type, T value) {
    Results.Result result = intp.bind(name, type.getName(), value,
        CollectionConverters.asScala(List.of("@transient")).toList());
    if (!(result instanceof Results.Success$)) {
      throw new IllegalStateException("cannot bind " + name + ": " + result + "\n" + output.toString(StandardCharsets.UTF_8));
    }
  }

  /**
   * The test JVM's class path, for the compiler: java.class.path, with the Class-Path of a
   * manifest-only jar (Surefire's booter) expanded.
   */
  private static String classpath() throws IOException {
    Set<String> entries = new LinkedHashSet<>();
    for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
      entries.add(entry);
      Path jar = Path.of(entry);
      if (entry.endsWith(".jar") && Files.isRegularFile(jar)) {
        try (JarFile file = new JarFile(jar.toFile())) {
          Manifest manifest = file.getManifest();
          String classPath = manifest == null ? null : manifest.getMainAttributes().getValue("Class-Path");
          if (classPath != null) {
            for (String url : classPath.trim().split("\\s+")) {
              entries.add(Path.of(jar.toUri().resolve(url)).toString());
            }
          }
        }
      }
    }
    return String.join(java.io.File.pathSeparator, new ArrayList<>(entries));
  }

  @Override
  public void close() {
    intp.close();
  }
}

package xent.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import xent.SparkTest;
import xent.Tolerance;
import xent.model.LoadedModel;
import xent.model.ModelSpec;
import xent.model.checkpoint.Checkpoint;
import xent.model.checkpoint.Checkpoints;
import xent.reference.ReferenceModel;

/**
 * The Zeppelin notes of notebooks/ run as Zeppelin runs them: every paragraph of a note in order,
 * each {@code %spark} paragraph in Spark's Scala shell ({@link SparkShell}: the Scala 2.13
 * interpreter set up as spark-repl sets it up, in this JVM, with the test classpath and the test
 * JVM's one SparkSession) and each {@code %spark.sql} paragraph through that session's SQL, on
 * tables that xent's jobs wrote in local mode ({@link JobOutputs}). Zeppelin's {@code z} does not
 * exist outside Zeppelin: {@link NoteContext} stands in for it, bound as {@code z} before the
 * notes run, recording what {@code z.show} displays and giving each form the test's folder, else
 * its default. The test asserts what each {@code %spark} paragraph prints against the bundled
 * inputs: their counts, and the scores of the scores note against a float64 forward pass.
 */
@SparkTest
class ZeppelinNotesTest {

  private static final Path NOTEBOOKS = Path.of("..", "notebooks");
  private static final Set<String> DIRECTIVES = Set.of("spark.conf", "spark", "spark.sql", "md");
  private static final Map<String, String> EDITOR_MODES = Map.of(
      "spark.conf", "ace/mode/text", "spark", "ace/mode/scala", "spark.sql", "ace/mode/sql", "md", "ace/mode/markdown");
  /** A name in xent's packages other than the facade's. */
  private static final Pattern INTERNAL = Pattern.compile("\\bxent\\.(?!notebook\\.)\\w+");

  @TempDir static Path dir;
  private static SparkSession spark;
  private static JobOutputs outputs;
  private static List<ZeppelinNote> notes;
  private static NoteContext z;
  private static SparkShell shell;

  /** What a paragraph printed, and the tables it showed with z.show. */
  private record Printed(String text, List<NoteContext.Shown> shown) {}

  @BeforeAll
  static void writeJobOutputsAndStartTheShell(SparkSession session) throws Exception {
    notes = ZeppelinNote.readAll(NOTEBOOKS);
    spark = session;
    outputs = JobOutputs.write(spark, dir);
    z = new NoteContext(forms());
    shell = new SparkShell(spark, z, dir.resolve("repl-classes"));
  }

  @AfterAll
  static void closeTheShell() {
    if (shell != null) {
      shell.close();
    }
  }

  /** The forms the notes create, filled with this test's folders and model. */
  private static Map<String, String> forms() {
    String model = outputs.modelNames.get(0);
    return Map.of(
        "scores_dir", outputs.scores.toString(),
        "map_dir", outputs.map.toString(),
        "scaling_dir", outputs.scaling.toString(),
        "fits_dir", outputs.fits.toString(),
        "mixture_dir", outputs.mixture.toString(),
        "model_spec", model + "=" + outputs.models.resolve(model));
  }

  @Test
  void everyNoteStartsWithSparkConfAddingTheShadedJarAndTheDjlEnvironment() throws IOException {
    assertFalse(notes.isEmpty(), "no .zpln in " + NOTEBOOKS.toAbsolutePath());
    for (ZeppelinNote note : notes) {
      ZeppelinNote.Paragraph first = note.paragraphs().get(0);
      assertEquals("spark.conf", first.directive(), note + ": the first paragraph");
      assertEquals(1, note.paragraphs("spark.conf").size(), note + ": one %spark.conf paragraph");
      Properties conf = new Properties();
      conf.load(new StringReader(first.body()));
      assertTrue(conf.getProperty("spark.jars", "").matches("\\S+/xent-jobs-[^/]+-shaded\\.jar"),
          note + ": spark.jars is " + conf.getProperty("spark.jars"));
      assertEquals("true", conf.getProperty("spark.executorEnv.OPT_OUT_TRACKING"), note + ": executors' DJL opt-out");
      assertEquals("true", conf.getProperty("OPT_OUT_TRACKING"), note + ": the driver's DJL opt-out");
    }
  }

  @Test
  void everyParagraphUsesAKnownInterpreterWithItsEditorAndUniqueIds() {
    for (ZeppelinNote note : notes) {
      assertFalse(note.name().isBlank(), note + ": name");
      Set<String> ids = new HashSet<>();
      for (ZeppelinNote.Paragraph p : note.paragraphs()) {
        assertTrue(DIRECTIVES.contains(p.directive()), note + ": " + p + " uses an unknown interpreter");
        assertEquals(EDITOR_MODES.get(p.directive()), p.config().get("editorMode").getAsString(), note + ": " + p);
        assertTrue(ids.add(p.id()), note + ": duplicate paragraph id " + p.id());
        assertFalse(p.body().isBlank(), note + ": " + p + " is empty");
      }
      assertFalse(note.paragraphs("md").isEmpty(), note + ": no %md explanation");
      assertFalse(note.paragraphs("spark").isEmpty(), note + ": no %spark paragraph");
      for (ZeppelinNote.Paragraph sql : note.paragraphs("spark.sql")) {
        assertTrue(sql.graph() != null, note + ": " + sql + " configures no table or chart");
      }
    }
  }

  @Test
  void scalaParagraphsCallOnlyTheNotebookFacade() {
    for (ZeppelinNote note : notes) {
      for (ZeppelinNote.Paragraph p : note.paragraphs("spark")) {
        assertFalse(INTERNAL.matcher(p.body()).find(), note + ": " + p + " calls xent outside xent.notebook: "
            + INTERNAL.matcher(p.body()).results().map(m -> m.group()).toList());
      }
    }
  }

  @Test
  void scoresNoteScoresEachTextOnceMatchingAFloat64ForwardPassAndCountsTheRun() throws Exception {
    AtomicLong scored = new AtomicLong();
    SparkListener counter = new SparkListener() {
      @Override
      public void onTaskEnd(SparkListenerTaskEnd end) {
        end.taskInfo().accumulables().foreach(a -> {
          if (a.name().contains(Xent.TEXTS_SCORED)) {
            scored.addAndGet(((Number) a.update().get()).longValue());
          }
          return null;
        });
      }
    };
    spark.sparkContext().addSparkListener(counter);
    Map<String, Printed> printed;
    try {
      printed = run("xent-scores.zpln");
      spark.sparkContext().listenerBus().waitUntilEmpty();
    } finally {
      spark.sparkContext().removeSparkListener(counter);
    }
    // Three texts, one model: once each, though the scores were shown and then queried.
    assertEquals(3, scored.get(), "texts given to the model over the whole note");

    List<NoteContext.Shown> shown = printed.get("xent-scores-03").shown();
    assertEquals(1, shown.size(), "z.show calls of the scoring paragraph");
    assertEquals(List.of("id", "n_tokens", "n_bytes", "logprob", "bits_per_byte"), shown.get(0).columns());
    Map<String, String> texts = new LinkedHashMap<>();
    for (Row row : ((Dataset<?>) shell.value("texts")).toDF().collectAsList()) {
      texts.put(row.getString(0), row.getString(1));
    }
    assertEquals(List.of("mail", "speech", "story"), shown.get(0).rows().stream().map(r -> r.getString(0)).toList());
    String model = outputs.modelNames.get(0);
    Path folder = outputs.models.resolve(model);
    Checkpoint checkpoint = Checkpoints.open(folder);
    ReferenceModel reference = ReferenceModel.of(checkpoint);
    int layers = checkpoint.config().nLayers();
    try (LoadedModel loaded = LoadedModel.load(new ModelSpec(model, folder))) {
      for (Row row : shown.get(0).rows()) {
        String text = texts.get(row.getString(0));
        int[] tokens = loaded.tokenizer().encode(text);
        assertTrue(tokens.length < checkpoint.config().maxPositions(), "one window holds the prefix and the text");
        double expected = sum(reference.targetLogProbs(prefixed(loaded.tokenizer().prefixId(), tokens), tokens));
        long bytes = text.getBytes(StandardCharsets.UTF_8).length;
        assertEquals(tokens.length, row.getLong(1), row + ": n_tokens");
        assertEquals(bytes, row.getLong(2), row + ": n_bytes");
        assertEquals(expected, row.getDouble(3), Tolerance.forwardSum(tokens.length, layers), row + ": logprob");
        double bitsPerByte = -row.getDouble(3) / bytes / Math.log(2);
        assertEquals(bitsPerByte, row.getDouble(4), Tolerance.doubleSum(bitsPerByte), row + ": bits_per_byte");
      }
    }
    int models = outputs.modelNames.size();
    assertTrue(printed.get("xent-scores-07").text().contains(
        (JobOutputs.DOCUMENTS * models) + " scores of " + models + " models, " + models + " rejects"),
        "every document under every model, the line that is not JSON rejected under each: "
            + printed.get("xent-scores-07").text());
  }

  @Test
  void mapNoteReadsEveryModelOfTheMap() throws Exception {
    Map<String, Printed> printed = run("xent-map.zpln");
    assertTrue(printed.get("xent-map-03").text().contains(
        outputs.modelNames.size() + " models in " + JobOutputs.CLUSTERS + " clusters"), printed.get("xent-map-03").text());
  }

  @Test
  void scalingNoteReadsEveryCheckpointDomainStepAndFit() throws Exception {
    Map<String, Printed> printed = run("xent-scaling.zpln");
    int models = outputs.modelNames.size();
    assertTrue(printed.get("xent-scaling-03").text().contains(models + " checkpoints, "
        + models * (JobOutputs.DOMAINS.length + 1) + " (checkpoint, domain) rows, " + models * JobOutputs.STEPS
        + " curve points"), "a row per domain and one for every document (*): " + printed.get("xent-scaling-03").text());
    assertTrue(printed.get("xent-scaling-04").text().contains("fits: chinchilla, power-plus-constant"),
        printed.get("xent-scaling-04").text());
  }

  @Test
  void mixtureNoteReadsEveryHeldOutMixtureAndMethod() throws Exception {
    Map<String, Printed> printed = run("xent-mixture.zpln");
    assertTrue(printed.get("xent-mixture-03").text().contains(
        JobOutputs.MIXTURES + " mixtures held out, 2 methods"), printed.get("xent-mixture-03").text());
  }

  /**
   * Runs every paragraph of the note in order, as Zeppelin would, and returns what each %spark
   * paragraph printed; each %spark.sql paragraph must return rows with the columns its chart names.
   */
  private static Map<String, Printed> run(String file) {
    ZeppelinNote note = notes.stream().filter(n -> n.toString().equals(file)).findFirst().orElseThrow();
    DynamicForms forms = new DynamicForms(Map.of());
    Map<String, Printed> printed = new LinkedHashMap<>();
    for (ZeppelinNote.Paragraph p : note.paragraphs()) {
      if (p.directive().equals("spark")) {
        String text = shell.run(p.body());
        printed.put(p.id(), new Printed(text, z.takeShown()));
      } else if (p.directive().equals("spark.sql")) {
        checkQuery(note, p, spark.sql(forms.fill(p.body()).strip().replaceAll(";$", "")));
      }
    }
    return printed;
  }

  private static void checkQuery(ZeppelinNote note, ZeppelinNote.Paragraph p, Dataset<Row> result) {
    List<Row> rows = result.collectAsList();
    assertFalse(rows.isEmpty(), note + ": " + p + " returned no rows");
    StructField[] fields = result.schema().fields();
    for (ChartColumns.Column c : ChartColumns.of(p.graph())) {
      assertTrue(c.index() < fields.length, note + ": " + p + ": " + c + " beyond " + fields.length + " columns");
      assertEquals(c.name(), fields[c.index()].name(), note + ": " + p + ": " + c.role() + " column");
      DataType type = fields[c.index()].dataType();
      assertTrue(!c.numeric() || type instanceof NumericType, note + ": " + p + ": " + c + " is " + type);
      assertTrue(rows.stream().anyMatch(r -> !r.isNullAt(c.index())), note + ": " + p + ": " + c + " is all null");
    }
  }

  private static int[] prefixed(int prefix, int[] tokens) {
    int[] input = new int[tokens.length];
    input[0] = prefix;
    System.arraycopy(tokens, 0, input, 1, tokens.length - 1);
    return input;
  }

  private static double sum(double[] values) {
    double s = 0;
    for (double v : values) {
      s += v;
    }
    return s;
  }
}

package xent.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import xent.SparkTest;

/**
 * The Zeppelin notes of notebooks/: well-formed, and every {@code %spark.sql} paragraph runs on
 * tables that xent's jobs wrote in local mode and returns the columns its chart names.
 */
@SparkTest
class ZeppelinNotesTest {

  private static final Path NOTEBOOKS = Path.of("..", "notebooks");
  private static final Set<String> DIRECTIVES = Set.of("spark.conf", "spark", "spark.sql", "md");
  private static final Map<String, String> EDITOR_MODES = Map.of(
      "spark.conf", "ace/mode/text", "spark", "ace/mode/scala", "spark.sql", "ace/mode/sql", "md", "ace/mode/markdown");

  @TempDir static Path dir;
  private static SparkSession spark;
  private static JobOutputs outputs;
  private static List<ZeppelinNote> notes;

  @BeforeAll
  static void writeJobOutputs(SparkSession session) throws Exception {
    notes = ZeppelinNote.readAll(NOTEBOOKS);
    spark = session;
    outputs = JobOutputs.write(spark, dir);
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
        "model_spec", model + "=" + outputs.models.resolve(model),
        "model", model);
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
      for (ZeppelinNote.Paragraph sql : note.paragraphs("spark.sql")) {
        assertTrue(sql.graph() != null, note + ": " + sql + " configures no table or chart");
      }
    }
  }

  @Test
  void scoresNoteRegistersTheSqlFunctionsThroughTheJavaApi() {
    ZeppelinNote.Paragraph register = notes.stream().flatMap(n -> n.paragraphs("spark").stream())
        .filter(p -> p.body().contains("xent.Xent.register(")).findFirst().orElseThrow();
    SparkSession fresh = spark.newSession(); // functions are per session: none registered yet
    assertFalse(fresh.catalog().functionExists("xent_logprob"));
    new ScalaParagraphs(fresh, forms()).run(register);
    assertTrue(fresh.catalog().functionExists("xent_logprob"), "xent_logprob after " + register);
    assertTrue(fresh.catalog().functionExists("xent_token_logprobs"), "xent_token_logprobs after " + register);
  }

  @TestFactory
  Stream<DynamicTest> everySqlParagraphRunsOnTheJobsTablesWithItsChartColumns() {
    return notes.stream().map(note -> DynamicTest.dynamicTest(note.toString(), () -> runNote(note)));
  }

  /** Runs the note's %spark and %spark.sql paragraphs in order, as Zeppelin would. */
  private static void runNote(ZeppelinNote note) {
    ScalaParagraphs scala = new ScalaParagraphs(spark, forms());
    DynamicForms forms = new DynamicForms(forms());
    int queries = 0;
    for (ZeppelinNote.Paragraph p : note.paragraphs()) {
      if (p.directive().equals("spark")) {
        scala.run(p);
      } else if (p.directive().equals("spark.sql")) {
        Dataset<Row> result = spark.sql(forms.fill(p.body()).strip().replaceAll(";$", ""));
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
        queries++;
      }
    }
    assertFalse(scala.views().isEmpty(), note + ": its %spark paragraphs create no view");
    assertTrue(queries > 0, note + ": no %spark.sql paragraph");
  }
}

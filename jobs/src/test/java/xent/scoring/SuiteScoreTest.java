package xent.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import xent.SparkTest;
import xent.inventory.InventoryRow;
import xent.inventory.ModelInventory;
import xent.inventory.ModelSuite;
import xent.model.ModelSpec;
import xent.score.ScoringOptions;

/** A glob of checkpoint folders as one --model spec: one model each, named as xent models names them, resumable. */
@SparkTest
class SuiteScoreTest {

  @TempDir static Path dir;
  private static SparkSession spark;

  @BeforeAll
  static void setUp(SparkSession session) {
    spark = session;
  }

  @Test
  void scoresEveryFolderOfAGlobAndARerunScoresOnlyANewFolder() throws IOException {
    TestModels.tinyLlama(dir.resolve("suite/small/step-1"));
    TestModels.tinyLlama(dir.resolve("suite/small/step-2"));
    TestModels.tinyLlama(dir.resolve("suite/wide/step-1"));
    Path corpus = ScoreRerunTest.documents(dir.resolve("corpus.jsonl"), 6);
    Path out = dir.resolve("out");
    List<ModelSuite> spec = List.of(ModelSuite.parse("tiny=" + dir + "/suite/*/step-*"));

    List<ModelSpec> first = ModelSuite.models(spec);
    List<String> names = List.of("tiny.small.step-1", "tiny.small.step-2", "tiny.wide.step-1");
    assertEquals(names, first.stream().map(ModelSpec::name).toList());
    assertEquals(names, ModelInventory.of(spec).stream().map(InventoryRow::model).toList(),
        "the inventory names the models as the score table does");
    ScoreJob.run(spark, options(first, corpus, out));
    List<Row> before = ScoreRuns.table(spark, out);
    assertEquals(names, before.stream().map(r -> r.getString(0)).distinct().sorted().toList());
    long units = ScoreRuns.committedUnits(out);

    TestModels.tinyLlama(dir.resolve("suite/wide/step-2"));
    List<ModelSpec> second = ModelSuite.models(spec);
    assertEquals(4, second.size());
    ScoreSummary rerun = ScoreJob.run(spark, options(second, corpus, out));
    assertEquals(units + units / 3, ScoreRuns.committedUnits(out), "only the new model's units ran");
    assertEquals(6, rerun.models().get("tiny.wide.step-2").scored());
    List<Row> after = ScoreRuns.table(spark, out);
    assertEquals(before, after.stream().filter(r -> !r.getString(0).equals("tiny.wide.step-2")).toList(),
        "the earlier models' rows are untouched");
  }

  private static ScoreJobOptions options(List<ModelSpec> models, Path corpus, Path out) {
    return new ScoreJobOptions(models, CorpusOptions.of(corpus.toString()), out.toString(),
        ScoringOptions.DEFAULT.withMaxLength(64).withTokenBudget(4096), false, 2);
  }
}

package xent.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import xent.SparkTest;
import xent.model.ModelSpec;
import xent.score.ScoringOptions;
import xent.scoring.UnitLedger.Unit;

/**
 * The Spark side alone: staging cuts the corpus into splits once and for all, and scoring a unit
 * commits tables whose rows and sums are the unit's marker. The model is byte-level, so every
 * document's token count is its UTF-8 length.
 */
@SparkTest
class ScorePipelineTest {

  private static final int SPLITS = 3;
  private static final ScoringOptions SCORING = ScoringOptions.DEFAULT.withMaxLength(64).withTokenBudget(2048);

  @TempDir static Path dir;
  private static SparkSession spark;
  private static ModelRef tiny;
  private static Path corpus;
  private static final Map<String, String> TEXTS = new HashMap<>();

  @BeforeAll
  static void setUp(SparkSession session) throws IOException {
    spark = session;
    tiny = ModelRef.of(new ModelSpec("tiny", TestModels.tinyLlama(dir.resolve("tiny"))));
    StringBuilder jsonl = new StringBuilder();
    for (int i = 0; i < 20; i++) {
      String text = TestModels.prose(20 + 7 * i, i) + (i % 5 == 0 ? " caf\u00e9 \u65e5\u672c" : "");
      TEXTS.put("d" + i, text);
      JsonObject line = new JsonObject();
      line.addProperty("id", "d" + i);
      line.addProperty("text", text);
      jsonl.append(line).append('\n');
    }
    jsonl.append("{\"id\":\"no-text\",\"text\":null}\n");
    corpus = Files.writeString(dir.resolve("docs.jsonl"), jsonl, StandardCharsets.UTF_8);
  }

  private static ScorePipeline pipeline(ScoreFolder folder) {
    return new ScorePipeline(spark, folder, new UnitLedger(folder), SCORING, false);
  }

  private static RunPlan plan() {
    return new RunPlan(CorpusOptions.of(corpus.toString()), 64, 0, false, SPLITS);
  }

  private static Map<String, Integer> splitOfEachDocument(Path out) {
    Map<String, Integer> splits = new HashMap<>();
    for (Row r : spark.read().parquet(out.resolve("_xent/documents").toString()).select("doc_id", "split")
        .collectAsList()) {
      Integer earlier = splits.put(r.getString(0), r.getInt(1));
      assertEquals(null, earlier, "document " + r.getString(0) + " staged twice");
    }
    return splits;
  }

  @Test
  void stagingPutsEveryDocumentInExactlyOneSplitTheSameWayEveryTime() throws IOException {
    Map<Integer, Long> rows = new HashMap<>();
    for (String name : List.of("first", "second")) {
      ScoreFolder folder = new ScoreFolder(spark.sparkContext().hadoopConfiguration(), dir.resolve(name).toString());
      ScorePipeline pipeline = pipeline(folder);
      pipeline.stage(plan());
      rows = pipeline.rowsPerSplit();
    }
    Map<String, Integer> first = splitOfEachDocument(dir.resolve("first"));
    assertEquals(21, first.size());
    assertEquals(first, splitOfEachDocument(dir.resolve("second")));
    Map<Integer, Long> counted = new HashMap<>();
    first.values().forEach(s -> counted.merge(s, 1L, Long::sum));
    assertEquals(counted, rows);
  }

  @Test
  void eachCommittedUnitsMarkerHoldsTheSumsOfItsTables() throws IOException {
    Path out = dir.resolve("scored");
    ScoreFolder folder = new ScoreFolder(spark.sparkContext().hadoopConfiguration(), out.toString());
    UnitLedger ledger = new UnitLedger(folder);
    ScorePipeline pipeline = pipeline(folder);
    pipeline.stage(plan());
    Map<Integer, Long> rowsPerSplit = pipeline.rowsPerSplit();
    List<Unit> units = ledger.todo(List.of(tiny), rowsPerSplit.keySet());
    ScoreProgress progress = new ScoreProgress(spark.sparkContext(), units.size(), 21);
    try {
      pipeline.run(units, progress);
    } finally {
      progress.close();
    }

    assertEquals(List.of(), ledger.todo(List.of(tiny), rowsPerSplit.keySet()));
    Map<String, Integer> splitOf = splitOfEachDocument(out);
    for (Unit unit : units) {
      String part = "model=tiny/split=" + unit.split();
      UnitStats stats = UnitStats.fromJson(Files.readString(out.resolve("_xent/units/" + part + ".json")));
      List<Row> scores = spark.read().parquet(out.resolve("scores/" + part).toString()).collectAsList();
      List<Row> rejects = spark.read().parquet(out.resolve("rejects/" + part).toString()).collectAsList();
      assertEquals((long) rowsPerSplit.get(unit.split()), stats.rowsIn());
      assertEquals(scores.size(), stats.scored());
      assertEquals(rejects.size(), stats.rejected());
      long tokens = 0;
      long bytes = 0;
      double logprob = 0;
      List<String> ids = new ArrayList<>();
      for (Row r : scores) {
        String id = r.getAs("doc_id");
        ids.add(id);
        long utf8 = TEXTS.get(id).getBytes(StandardCharsets.UTF_8).length;
        assertEquals(utf8, (long) r.getAs("n_bytes"), id);
        assertEquals(utf8, (long) r.getAs("n_tokens"), id);
        tokens += r.<Long>getAs("n_tokens");
        bytes += r.<Long>getAs("n_bytes");
        logprob += r.<Double>getAs("logprob");
      }
      for (Row r : rejects) {
        assertEquals("no-text", r.getAs("doc_id"));
        ids.add(r.getAs("doc_id"));
      }
      assertEquals(tokens, stats.tokens());
      assertEquals(bytes, stats.nBytes());
      assertEquals(logprob, stats.logprob(), 1e-12 * Math.abs(logprob)); // double sums in another order
      ids.forEach(id -> assertEquals(unit.split(), splitOf.get(id), id));
    }
  }
}

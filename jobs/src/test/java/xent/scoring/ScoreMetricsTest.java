package xent.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import xent.SparkTest;
import xent.Tolerance;
import xent.detect.MetricSettings;
import xent.model.LoadedModel;
import xent.model.ModelSpec;
import xent.reference.RandomCheckpoints;
import xent.score.PairScorer;
import xent.score.PairScores;
import xent.score.ScoringOptions;

/**
 * The metric columns of the score table (../shared/METRICS.md) against float64 implementations
 * written here: on the job's own per-token arrays for the one-model metrics (both sides then do
 * double arithmetic on the same float32 values: {@link Tolerance#DOUBLE_SUM}), and on a
 * {@link PairScorer} run here for the two-model ones (other batches: the forward tolerance,
 * propagated through each formula). DC-PDD reads the counts of {@code xent counts}, checked here
 * against counts of the tokenizer's own ids.
 */
@SparkTest
class ScoreMetricsTest {

  private static final int MAX_LENGTH = 96;

  @TempDir static Path dir;
  private static SparkSession spark;
  private static ModelSpec scored;
  private static ModelSpec reference;
  private static Path corpus;
  private static final Map<String, String> TEXTS = new LinkedHashMap<>();

  @BeforeAll
  static void setUp(SparkSession session) throws IOException {
    spark = session;
    scored = new ModelSpec("llama", TestModels.llama(dir.resolve("llama")));
    // Another llama: a pair must share the tokenizer and its prefix token (GPT-2's is EOS, 256).
    reference = new ModelSpec("observer", TestModels.write(dir.resolve("observer"),
        RandomCheckpoints.llama().optVocabSize(257).optMaxPositions(512).optLayers(1).build(11)));
    TEXTS.put("prose", TestModels.prose(300, 7));
    TEXTS.put("short", "Ok!"); // 3 tokens: fewer than 1 / k, and T < 5
    TEXTS.put("repeated", "aaaa aaaa aaaa aaaa aaaa");
    TEXTS.put("long", TestModels.prose(700, 8)); // several windows of 96 tokens
    StringBuilder jsonl = new StringBuilder();
    for (Map.Entry<String, String> t : TEXTS.entrySet()) {
      JsonObject row = new JsonObject();
      row.addProperty("id", t.getKey());
      row.addProperty("text", t.getValue());
      jsonl.append(row).append('\n');
    }
    corpus = dir.resolve("corpus.jsonl");
    Files.writeString(corpus, jsonl, StandardCharsets.UTF_8);
  }

  private static ScoreJobOptions options(Path out) {
    return new ScoreJobOptions(List.of(scored), CorpusOptions.of(corpus.toString()), out.toString(),
        ScoringOptions.DEFAULT.withMaxLength(MAX_LENGTH), true, 2);
  }

  private static Map<String, Row> rows(Path out) {
    Map<String, Row> byId = new HashMap<>();
    for (Row r : ScoreTable.read(spark, out.toString()).collectAsList()) {
      byId.put(r.getAs("doc_id"), r);
    }
    return byId;
  }

  @Test
  void oneModelMetricsEqualTheirDefinitionsOnTheTablesOwnPerTokenArrays() throws IOException {
    Path counts = dir.resolve("counts");
    TokenCountJob.Totals totals = TokenCountJob.run(spark, scored, CorpusOptions.of(corpus.toString()),
        counts.toString());
    long[] expectedCounts = new long[257];
    long tokens = 0;
    try (LoadedModel model = LoadedModel.load(scored)) {
      for (String text : TEXTS.values()) {
        for (int id : model.tokenizer().encode(text)) {
          expectedCounts[id]++;
          tokens++;
        }
      }
    }
    assertEquals(tokens, totals.tokens());
    assertEquals(TEXTS.size(), totals.documents());
    long[] counted = new long[257];
    for (Row r : spark.read().parquet(counts.resolve("counts").toString()).collectAsList()) {
      counted[r.getInt(0)] = r.getLong(1);
    }
    assertTrue(Arrays.equals(expectedCounts, counted), "token counts");

    Path out = dir.resolve("one-model");
    MetricSettings metrics = MetricSettings.of("loss,zlib,mink,minkpp,dcpdd,fastdetect,zeroshot,llmzip");
    ScoreJob.run(spark, options(out).withMetrics(metrics, null, counts.toString()));
    Map<String, Row> rows = rows(out);
    assertEquals(TEXTS.size(), rows.size());
    for (Map.Entry<String, String> doc : TEXTS.entrySet()) {
      Row row = rows.get(doc.getKey());
      double[] lp = doubles(row, "token_logprob");
      double[] h = doubles(row, "token_entropy");
      double[] var = doubles(row, "token_logprob_var");
      int[] ids;
      try (LoadedModel model = LoadedModel.load(scored)) {
        ids = model.tokenizer().encode(doc.getValue());
      }
      assertEquals(ids.length, lp.length, doc.getKey());
      String text = doc.getValue();
      double n = lp.length;
      double[] z = new double[lp.length];
      for (int t = 0; t < z.length; t++) {
        z[t] = (lp[t] + h[t]) / Math.max(Math.sqrt(var[t]), 1e-6);
      }
      Set<Integer> seen = new HashSet<>();
      double dcpdd = 0;
      for (int t = 0; t < ids.length; t++) {
        if (seen.add(ids[t])) {
          double f = (expectedCounts[ids[t]] + 1.0) / (tokens + 257.0);
          dcpdd += Math.min(Math.exp(lp[t]) * Math.log(1 / f), 0.01);
        }
      }
      Map<String, Double> expected = new LinkedHashMap<>();
      expected.put("loss", sum(lp) / n);
      expected.put("zlib", sum(lp) / n / zlibBytes(text));
      expected.put("mink", meanOfLowest(lp, 0.2));
      expected.put("minkpp", meanOfLowest(z, 0.2));
      expected.put("dcpdd", dcpdd / seen.size());
      expected.put("fastdetect", (sum(lp) + sum(h)) / Math.sqrt(sum(var)));
      expected.put("zeroshot", Math.abs(sum(lp) / n + sum(h) / n));
      expected.put("llmzip", -sum(lp) / Math.log(2) / text.codePointCount(0, text.length()));
      for (Map.Entry<String, Double> e : expected.entrySet()) {
        double actual = row.getAs(e.getKey());
        assertEquals(e.getValue(), actual, 1e3 * Tolerance.DOUBLE_SUM * Math.abs(e.getValue()),
            doc.getKey() + " " + e.getKey());
      }
    }
  }

  @Test
  void twoModelMetricsUseTheReferenceAsObserverAndTheScoredModelAsPerformer() throws IOException {
    Path out = dir.resolve("two-models");
    ScoreJob.run(spark, options(out).withMetrics(MetricSettings.of("binoculars,fastdetect"), reference, null));
    Map<String, Row> rows = rows(out);
    int layers;
    List<PairScores> pairs;
    try (LoadedModel a = LoadedModel.load(reference);
        LoadedModel b = LoadedModel.load(scored);
        PairScorer scorer = new PairScorer(a, b, ScoringOptions.DEFAULT.withMaxLength(MAX_LENGTH))) {
      layers = Math.max(a.config().nLayers(), b.config().nLayers());
      pairs = scorer.scoreTexts(List.copyOf(TEXTS.values()));
    }
    double perToken = Tolerance.perToken(layers);
    int d = 0;
    for (String id : TEXTS.keySet()) {
      PairScores p = pairs.get(d++);
      double n = p.b().length();
      double lp = sum(p.b().logprob());
      double cross = sum(p.crossLogprob());
      double var = sum(p.crossVar());
      Row row = rows.get(id);
      // Each per-token value is within perToken of its other-batch evaluation (a variance of
      // values up to LOGIT_SCALE within 2 LOGIT_SCALE perToken); the bounds carry that through
      // each ratio to first order.
      double binoculars = (lp / n) / (cross / n);
      double binocularsBound = Math.abs(binoculars) * (perToken / Math.abs(lp / n) + perToken / Math.abs(cross / n));
      assertEquals(binoculars, (double) row.getAs("binoculars"), binocularsBound, id + " binoculars");
      double fast = (lp - cross) / Math.sqrt(var);
      double varError = n * 2 * Tolerance.LOGIT_SCALE * perToken;
      double fastBound = 2 * n * perToken / Math.sqrt(var) + Math.abs(fast) * varError / (2 * var);
      assertEquals(fast, (double) row.getAs("fastdetect"), fastBound, id + " fastdetect");
    }
  }

  @Test
  void metricsThatNeedAnInputAreRefusedNamingTheOption() throws IOException {
    IllegalArgumentException binoculars = assertThrows(IllegalArgumentException.class,
        () -> options(dir.resolve("x")).withMetrics(MetricSettings.of("binoculars"), null, null));
    assertTrue(binoculars.getMessage().startsWith("--metrics binoculars needs --reference-model"),
        binoculars.getMessage());
    IllegalArgumentException dcpdd = assertThrows(IllegalArgumentException.class,
        () -> options(dir.resolve("x")).withMetrics(MetricSettings.of("dcpdd"), null, null));
    assertTrue(dcpdd.getMessage().startsWith("--metrics dcpdd needs --counts DIR"), dcpdd.getMessage());
    ModelSpec gpt2 = new ModelSpec("gpt2", TestModels.gpt2(dir.resolve("gpt2")));
    Path out = dir.resolve("other-prefix");
    IllegalArgumentException pair = assertThrows(IllegalArgumentException.class,
        () -> ScoreJob.run(spark, options(out).withMetrics(MetricSettings.of("binoculars"), gpt2, null)));
    assertEquals("--reference-model: models gpt2 and llama cannot be scored as a pair: their prefix tokens"
        + " are ids 256 and 1", pair.getMessage());
    assertTrue(!Files.exists(out.resolve("scores")), "nothing is scored");
    IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
        () -> MetricSettings.of("loss,minkk"));
    assertEquals("unknown metric 'minkk'; known: loss,zlib,mink,minkpp,dcpdd,fastdetect,binoculars,zeroshot,llmzip",
        unknown.getMessage());
  }

  @Test
  void countsOfAnotherTokenizerAreRefusedNamingTheDifference() throws IOException {
    Path counts = dir.resolve("other-counts");
    TokenCountJob.run(spark, scored, CorpusOptions.of(corpus.toString()), counts.toString());
    Path json = counts.resolve("_xent/tokenizer/tokenizer.json");
    Files.writeString(json, Files.readString(json).replaceFirst("\"a\":", "\"not-a-byte\":"));
    Path out = dir.resolve("refused");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ScoreJob.run(spark, options(out).withMetrics(MetricSettings.of("dcpdd"), null, counts.toString())));
    assertTrue(e.getMessage().startsWith("--counts " + counts + " were counted with another tokenizer than model llama's"),
        e.getMessage());
    assertTrue(e.getMessage().contains("model.vocab"), e.getMessage());
    assertTrue(!Files.exists(out.resolve("scores")), "nothing is scored");
  }

  @Test
  void aFinishedRunRefusesOtherMetricsOnRerun() throws IOException {
    Path out = dir.resolve("rerun");
    ScoreJob.run(spark, options(out).withMetrics(MetricSettings.of("loss"), null, null));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ScoreJob.run(spark, options(out).withMetrics(MetricSettings.of("loss,mink"), null, null)));
    assertTrue(e.getMessage().contains("--metrics loss,mink(k=0.2) (was loss)"), e.getMessage());
    Row row = rows(out).get("short");
    assertEquals((double) row.getAs("logprob") / (long) row.getAs("n_tokens"), (double) row.getAs("loss"),
        Tolerance.DOUBLE_SUM);
  }

  private static double[] doubles(Row row, String column) {
    List<Float> values = row.getList(row.fieldIndex(column));
    return values.stream().mapToDouble(Float::doubleValue).toArray();
  }

  private static double sum(double[] x) {
    return Arrays.stream(x).sum();
  }

  private static double sum(float[] x) {
    double[] d = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      d[i] = x[i];
    }
    return sum(d);
  }

  private static double meanOfLowest(double[] x, double k) {
    double[] sorted = x.clone();
    Arrays.sort(sorted);
    int count = Math.max(1, (int) Math.floor(k * x.length));
    return sum(Arrays.copyOf(sorted, count)) / count;
  }

  private static int zlibBytes(String text) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DeflaterOutputStream out = new DeflaterOutputStream(bytes, new Deflater(6))) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    }
    return bytes.size();
  }
}

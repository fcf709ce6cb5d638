package xent.detection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import xent.SparkTest;
import xent.generate.Sampler;
import xent.generate.SamplingOptions;
import xent.model.LoadedModel;
import xent.model.ModelSpec;
import xent.scoring.CorpusOptions;
import xent.scoring.TestModels;

/**
 * Each continued document gets the model's continuation of its first P tokens, drawn with the
 * seed of its id (as the Sampler alone draws it, one prompt at a time), and its own next tokens
 * as the human text, as many as the model drew; short documents are skipped with the reason.
 */
@SparkTest
class SampleJobTest {

  @TempDir Path dir;

  @Test
  void continuesEachPromptAsTheSamplerDoesAndPairsItWithTheHumanContinuation(SparkSession spark)
      throws IOException {
    ModelSpec model = new ModelSpec("tiny", TestModels.tinyLlama(dir.resolve("tiny")));
    Map<String, String> texts = new HashMap<>();
    StringBuilder jsonl = new StringBuilder();
    for (int i = 0; i < 7; i++) {
      String text = i == 3 ? "too short" : TestModels.prose(120 + 10 * i, 50 + i);
      texts.put("d" + i, text);
      JsonObject row = new JsonObject();
      row.addProperty("id", "d" + i);
      row.addProperty("text", text);
      jsonl.append(row).append('\n');
    }
    Path corpus = dir.resolve("docs.jsonl");
    Files.writeString(corpus, jsonl, StandardCharsets.UTF_8);
    SamplingOptions sampling = new SamplingOptions(0.9, 0.95, 24);
    SampleOptions options = new SampleOptions(model, CorpusOptions.of(corpus.toString()), 10, 16, sampling, 5, 1,
        dir.resolve("out").toString());

    SampleJob.Totals totals = SampleJob.run(spark, options);
    assertEquals(6, totals.continued());
    assertEquals(1, totals.skipped());
    Row skipped = spark.read().parquet(dir.resolve("out/skipped").toString()).first();
    assertEquals("d3", skipped.getString(0));
    assertEquals("too short to prompt: 9 tokens, 40 needed", skipped.getString(1));

    Map<String, String> machine = texts(spark, dir.resolve("out/machine"));
    Map<String, String> human = texts(spark, dir.resolve("out/human"));
    assertEquals(machine.keySet(), human.keySet());
    try (LoadedModel lm = LoadedModel.load(model); Sampler sampler = new Sampler(lm, sampling)) {
      for (String id : machine.keySet()) {
        int[] tokens = lm.tokenizer().encode(texts.get(id));
        int[] drawn = sampler.sample(List.of(Arrays.copyOf(tokens, 16)), new long[] {SampleJob.seedOf(5, id)}).get(0);
        assertEquals(lm.tokenizer().decode(drawn), machine.get(id), id);
        assertEquals(lm.tokenizer().decode(Arrays.copyOfRange(tokens, 16, 16 + drawn.length)), human.get(id), id);
        assertTrue(drawn.length > 0);
      }
    }

    SampleJob.run(spark, new SampleOptions(model, options.prompts(), 10, 16, sampling, 5, 1,
        dir.resolve("again").toString()));
    assertEquals(machine, texts(spark, dir.resolve("again/machine")), "a rerun draws the same texts");
  }

  private static Map<String, String> texts(SparkSession spark, Path folder) {
    Map<String, String> out = new HashMap<>();
    for (Row r : spark.read().parquet(folder.toString()).collectAsList()) {
      out.put(r.getString(0), r.getString(2));
    }
    return out;
  }

  @Test
  void seedsDependOnTheRunsSeedAndTheIdOnly() {
    assertEquals(SampleJob.seedOf(5, "d1"), SampleJob.seedOf(5, "d1"));
    assertTrue(SampleJob.seedOf(5, "d1") != SampleJob.seedOf(6, "d1"));
    assertTrue(SampleJob.seedOf(5, "d1") != SampleJob.seedOf(5, "d2"));
  }
}

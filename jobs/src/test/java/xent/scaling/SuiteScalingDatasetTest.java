package xent.scaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import xent.SparkTest;
import xent.inventory.InventoryRow;
import xent.inventory.ModelInventory;
import xent.inventory.ModelSuite;
import xent.model.ModelConfig;
import xent.model.checkpoint.Checkpoint;
import xent.reference.RandomCheckpoints;
import xent.train.LearningRateSchedule;
import xent.train.TrainingOptions;
import xent.train.TrainingRecord;

/**
 * A suite laid out as xent train writes it (two sizes, each with an intermediate step-K checkpoint
 * inside the final one), scored; then the same suite without training.json and with a hand-written
 * metadata table instead gives the same scaling dataset.
 */
@SparkTest
class SuiteScalingDatasetTest {

  private static final int STEPS = 8;
  private static final int EVERY = 4;
  private static final List<Integer> DIMS = List.of(16, 32);

  @TempDir static Path dir;
  private static SparkSession spark;
  private static Path suite;
  private static Path scores;

  @BeforeAll
  static void setUp(SparkSession session) throws IOException {
    spark = session;
    suite = dir.resolve("suite");
    for (int dim : DIMS) {
      Path run = suite.resolve("gpt2-" + dim);
      writeCheckpoint(run, dim, STEPS);
      writeCheckpoint(run.resolve(String.format("step-%06d", EVERY)), dim, EVERY);
    }
    scores = dir.resolve("scores");
    writeScores(ModelSuite.parse(suite.toString()).members().stream().map(s -> s.name()).toList());
  }

  @Test
  void aMetadataTableInPlaceOfTrainingJsonGivesTheSameDataset() throws IOException {
    Path fromJson = dir.resolve("from-json");
    ScalingDataset.Written a = ScalingDataset.run(spark, scores, ScalingMetadata.of(List.of(suite)), false, fromJson);
    assertEquals(4 * 3, a.rows(), "4 checkpoints x (2 domains and *)");
    List<InventoryRow> withJson = ModelInventory.of(List.of(ModelSuite.parse(suite.toString())));

    deleteTrainingJson();
    List<InventoryRow> inventory = ModelInventory.of(List.of(ModelSuite.parse(suite.toString())));
    StringBuilder table = new StringBuilder("model,family,N,N_non_embedding,D,step,lr,min_lr,warmup,schedule,total_steps\n");
    for (int i = 0; i < inventory.size(); i++) {
      InventoryRow row = inventory.get(i);
      assertEquals(withJson.get(i).n(), row.n(), "N from the safetensors headers, as training.json says");
      assertEquals(withJson.get(i).nNonEmbedding(), row.nNonEmbedding());
      boolean intermediate = row.model().endsWith(".step-000004");
      assertEquals(intermediate ? Long.valueOf(EVERY) : null, row.step(), row.model() + ": the step the folder name states");
      int step = intermediate ? EVERY : STEPS;
      table.append(String.join(",", row.model(), "gpt2", row.n().toString(), row.nNonEmbedding().toString(),
          String.valueOf(step * 2L * 64), String.valueOf(step), "0.001", "0.0001", "2", "cosine",
          String.valueOf(STEPS))).append('\n');
    }
    Path tableFile = Files.writeString(dir.resolve("models.csv"), table);
    Path fromTable = dir.resolve("from-table");
    ScalingDataset.Written b = ScalingDataset.run(spark, scores, ScalingMetadata.of(List.of(suite, tableFile)), false, fromTable);

    assertEquals(a.rows(), b.rows());
    List<List<String>> json = csv(fromJson.resolve("dataset.csv"));
    List<List<String>> tabled = csv(fromTable.resolve("dataset.csv"));
    int source = json.get(0).indexOf("C_source");
    assertEquals(json.get(0).size() - 1, source, "C_source is the last column");
    for (int r = 1; r < json.size(); r++) {
      assertEquals("training.json", json.get(r).get(source));
      assertEquals("6*N_non_embedding*D", tabled.get(r).get(source), "C defaulted, and said so");
      assertEquals(json.get(r).subList(0, source), tabled.get(r).subList(0, source),
          "row " + r + " (N, D, C, step, S1, S2 and the losses bit for bit)");
    }
  }

  @Test
  void aModelWithoutARowIsAnErrorNamingItOrWithAllowMissingLeftOutAndCounted() throws IOException {
    List<String> models = ModelSuite.parse(suite.toString()).members().stream().map(s -> s.name()).toList();
    StringBuilder table = new StringBuilder("model,N,D\n");
    for (String model : models) {
      if (!model.equals("gpt2-32.step-000004")) {
        table.append(model).append(",1000,5000\n");
      }
    }
    Path file = Files.writeString(dir.resolve("partial.csv"), table);
    ScalingMetadata metadata = ScalingMetadata.of(List.of(file));
    IOException e = assertThrows(IOException.class,
        () -> ScalingDataset.run(spark, scores, metadata, false, dir.resolve("refused")));
    assertEquals("1 model(s) of the score tables have no metadata in [" + file + "]: gpt2-32.step-000004"
        + " (add their rows, or --allow-missing to leave them out)", e.getMessage());

    ScalingDataset.Written written = ScalingDataset.run(spark, scores, metadata, true, dir.resolve("partial"));
    assertEquals(List.of("gpt2-32.step-000004"), written.skipped());
    assertEquals(3 * 3, written.rows());
    List<List<String>> rows = csv(dir.resolve("partial/dataset.csv"));
    List<String> header = rows.get(0);
    List<String> first = rows.get(1);
    assertEquals(String.valueOf(6.0 * 1000 * 5000), first.get(header.indexOf("C")), "C = 6 N D without N_non_embedding");
    assertEquals("6*N*D", first.get(header.indexOf("C_source")));
    assertEquals("", first.get(header.indexOf("S1")), "no schedule columns: S1 unknown, not guessed");
    assertEquals("", first.get(header.indexOf("step")));
  }

  /** A random GPT-2 folder and the training.json xent train writes after {@code step} of STEPS steps. */
  private static void writeCheckpoint(Path folder, int dim, int step) throws IOException {
    Checkpoint checkpoint = RandomCheckpoints.gpt2().optVocabSize(257).optDim(dim).optLayers(1)
        .optHeads(2, 2).optMaxPositions(64).build(dim + step);
    RandomCheckpoints.writeFolder(folder, checkpoint);
    ModelConfig config = checkpoint.config();
    TrainingOptions options = new TrainingOptions(ModelConfig.Family.GPT2, dim, 1, 2, 2, config.hiddenDim(),
        64, 2, STEPS, 1e-3, 1e-4, 2, LearningRateSchedule.Shape.COSINE, 0.2, 0.1, 1.0, 7, EVERY, 0);
    float[] losses = new float[step];
    for (int s = 0; s < step; s++) {
      losses[s] = 5.5f - 0.1f * s;
    }
    new TrainingRecord(config, options, "bytes", dir.resolve("corpus.jsonl"), "0".repeat(64), null,
        Map.of("a", 0.5, "b", 0.5), step, Arrays.copyOf(options.learningRates().all(), step), losses,
        List.of(), 1.0).write(folder.resolve("training.json"));
  }

  /** Score rows of two domains per model, with seeded log-likelihoods. */
  private static void writeScores(List<String> models) {
    Random random = new Random(3);
    List<Row> rows = new ArrayList<>();
    for (String model : models) {
      for (int d = 0; d < 6; d++) {
        int tokens = 20 + random.nextInt(30);
        rows.add(RowFactory.create(model, "doc-" + d, d % 2 == 0 ? "a" : "b", (long) tokens, tokens * 3L,
            tokens / 2L, -tokens * (3 + random.nextDouble())));
      }
    }
    StructType schema = new StructType().add("model", "string").add("doc_id", "string").add("domain", "string")
        .add("n_tokens", "long").add("n_bytes", "long").add("n_words", "long").add("logprob", "double");
    spark.createDataFrame(rows, schema).write().partitionBy("model").parquet(scores.toString());
  }

  private static void deleteTrainingJson() throws IOException {
    for (var spec : ModelSuite.parse(suite.toString()).members()) {
      Files.delete(spec.path().resolve("training.json"));
    }
  }

  private static List<List<String>> csv(Path file) throws IOException {
    return Files.readAllLines(file).stream().map(line -> Arrays.asList(line.split(",", -1))).toList();
  }
}

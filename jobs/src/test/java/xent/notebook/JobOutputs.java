package xent.notebook;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import xent.cli.Main;
import xent.map.MapJob;
import xent.map.MapOptions;
import xent.model.ModelConfig;
import xent.model.ModelSpec;
import xent.model.checkpoint.Checkpoint;
import xent.reference.RandomCheckpoints;
import xent.scaling.ScalingDataset;
import xent.score.ScoringOptions;
import xent.scoring.CorpusOptions;
import xent.scoring.ScoreJob;
import xent.scoring.ScoreJobOptions;
import xent.scoring.TestModels;

/**
 * The output folders the notes read, written by xent's own jobs in local mode: a score run of three
 * small random GPT-2s (each with a training.json) over a three-domain corpus with one bad line,
 * the model map and the scaling dataset of that run, two {@code scaling fit} JSON files, and the
 * two CSVs of {@code xent mixture} (written here in their documented shape).
 */
final class JobOutputs {

  static final String[] DOMAINS = {"news", "fiction", "mail"};
  /** Documents per domain in the corpus, besides its one line that is not JSON. */
  static final int DOCUMENTS_PER_DOMAIN = 4;
  static final int DOCUMENTS = DOCUMENTS_PER_DOMAIN * DOMAINS.length;
  /** Training steps in each model's training.json. */
  static final int STEPS = 8;
  /** k of the map's k-means. */
  static final int CLUSTERS = 2;
  /** Trained mixtures in the mixture CSVs. */
  static final int MIXTURES = 3;
  private static final String[][] WORDS = {
      {"the", "senate", "voted", "on", "budget", "tuesday", "officials", "said", "city", "report"},
      {"she", "walked", "into", "the", "dark", "room", "and", "smiled", "at", "him"},
      {"click", "here", "free", "offer", "reply", "now", "your", "account", "winner", "prize"}};

  /** Model name to (width, layers): three sizes, so the scaling data has three N. */
  private static final Map<String, int[]> SIZES = Map.of(
      "gpt2-d16-l1", new int[] {16, 1}, "gpt2-d24-l1", new int[] {24, 1}, "gpt2-d32-l2", new int[] {32, 2});

  final Path scores;
  final Path map;
  final Path scaling;
  final Path fits;
  final Path mixture;
  final Path models;
  final List<String> modelNames;

  private JobOutputs(Path root) {
    scores = root.resolve("scores");
    map = root.resolve("map");
    scaling = root.resolve("scaling");
    fits = root.resolve("scaling/fits");
    mixture = root.resolve("mixture");
    models = root.resolve("models");
    modelNames = SIZES.keySet().stream().sorted().toList();
  }

  static JobOutputs write(SparkSession spark, Path root) throws Exception {
    JobOutputs out = new JobOutputs(root);
    List<ModelSpec> specs = new ArrayList<>();
    long seed = 11;
    for (String name : out.modelNames) {
      int[] size = SIZES.get(name);
      Checkpoint c = RandomCheckpoints.gpt2().optVocabSize(257).optDim(size[0]).optLayers(size[1])
          .optMaxPositions(128).build(seed++);
      Path folder = TestModels.write(out.models.resolve(name), c);
      writeTrainingJson(folder.resolve("training.json"), c.config(), size[0] * 256L);
      specs.add(new ModelSpec(name, folder));
    }
    Path corpus = writeCorpus(root.resolve("corpus.jsonl"));
    ScoreJob.run(spark, new ScoreJobOptions(specs, CorpusOptions.of(corpus.toString()), out.scores.toString(),
        ScoringOptions.DEFAULT.withMaxLength(64), false, 1));
    MapJob.run(spark, new MapOptions(out.scores.toString(), out.map, null, 0.0, 2, MapOptions.Method.PCA, CLUSTERS, 3,
        null, out.models, "cluster", 42), System.err);
    ScalingDataset.run(spark, out.scores.resolve("scores"), out.models, out.scaling);
    Files.createDirectories(out.fits);
    Path dataset = out.scaling.resolve("dataset.csv");
    // Three models give too few points on one domain for these laws: the fits take every row.
    fit(out.fits.resolve("chinchilla.json"), "--data", dataset.toString(), "--law", "chinchilla", "--bootstrap", "5");
    fit(out.fits.resolve("power-plus-constant.json"), "--data", dataset.toString(),
        "--law", "power-plus-constant", "--holdout-largest", "1");
    out.writeMixture();
    return out;
  }

  /** What {@code bin/xent scaling fit ARGS > file} leaves in file. */
  private static void fit(Path file, String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of("scaling", "fit"));
    command.addAll(List.of(args));
    ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    PrintStream original = System.out;
    int status;
    System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
    try {
      status = new CommandLine(new Main()).execute(command.toArray(String[]::new));
    } finally {
      System.setOut(original);
    }
    if (status != 0) {
      throw new IllegalStateException("xent " + command + " exited with " + status);
    }
    Files.writeString(file, stdout.toString(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
  }

  /** training.json as xent train writes it, with the keys the map and the scaling dataset read. */
  private static void writeTrainingJson(Path file, ModelConfig config, long tokens) throws IOException {
    int steps = STEPS;
    JsonObject json = new JsonObject();
    json.addProperty("family", "gpt2");
    json.addProperty("parameters", config.totalParameters());
    json.addProperty("non_embedding_parameters", config.nonEmbeddingParameters());
    json.addProperty("step", steps);
    json.addProperty("steps", steps);
    json.addProperty("tokens", tokens);
    json.addProperty("flops", 6.0 * config.nonEmbeddingParameters() * tokens);
    JsonArray rates = new JsonArray();
    JsonArray losses = new JsonArray();
    for (int s = 1; s <= steps; s++) {
      rates.add(s <= 2 ? 1e-3 * s / 2 : 1e-3 * (steps - s + 1) / (steps - 2));
      losses.add(5.6 - 0.05 * s - config.dim() / 200.0);
    }
    json.add("learning_rate", rates);
    json.add("loss", losses);
    JsonObject mixture = new JsonObject();
    for (int d = 0; d < DOMAINS.length; d++) {
      mixture.addProperty(DOMAINS[d], d == config.dim() % 3 ? 0.6 : 0.2);
    }
    JsonObject data = new JsonObject();
    data.add("mixture", mixture);
    json.add("data", data);
    Files.writeString(file, json.toString(), StandardCharsets.UTF_8);
  }

  /** Four documents per domain from its own words, and one line that is not JSON (a reject). */
  private static Path writeCorpus(Path file) throws IOException {
    StringBuilder jsonl = new StringBuilder();
    for (int d = 0; d < DOMAINS.length; d++) {
      for (int i = 0; i < DOCUMENTS_PER_DOMAIN; i++) {
        StringBuilder text = new StringBuilder();
        for (int w = 0; w < 12 + 3 * i; w++) {
          text.append(w == 0 ? "" : " ").append(WORDS[d][(w * (i + 3) + d) % WORDS[d].length]);
        }
        JsonObject row = new JsonObject();
        row.addProperty("id", DOMAINS[d] + "-" + i);
        row.addProperty("domain", DOMAINS[d]);
        row.addProperty("text", text.toString());
        jsonl.append(row).append('\n');
      }
    }
    jsonl.append("this line is not JSON\n");
    Files.writeString(file, jsonl, StandardCharsets.UTF_8);
    return file;
  }

  /** metrics.csv (domain, method, spearman, mae) and loo.csv (model, domain, method, predicted, observed). */
  private void writeMixture() throws IOException {
    Files.createDirectories(mixture);
    Files.writeString(mixture.resolve("metrics.csv"), """
        domain,method,spearman,mae
        news,mde,0.9,0.031
        news,regmix,0.6,0.058
        sotu,mde,0.8,0.044
        sotu,regmix,0.7,0.052
        """, StandardCharsets.UTF_8);
    StringBuilder loo = new StringBuilder("model,domain,method,predicted,observed\n");
    for (int m = 0; m < MIXTURES; m++) {
      for (String domain : List.of("news", "sotu")) {
        double observed = 5.0 + 0.1 * m + (domain.equals("sotu") ? 0.2 : 0);
        loo.append(String.format(java.util.Locale.ROOT, "mixture-%02d,%s,mde,%.3f,%.3f%n", m, domain, observed + 0.02, observed));
        loo.append(String.format(java.util.Locale.ROOT, "mixture-%02d,%s,regmix,%.3f,%.3f%n", m, domain, observed - 0.05, observed));
      }
    }
    Files.writeString(mixture.resolve("loo.csv"), loo, StandardCharsets.UTF_8);
  }
}

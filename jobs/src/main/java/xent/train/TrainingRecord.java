package xent.train;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import xent.model.ModelConfig;
import xent.table.StrictJson;

/**
 * What {@code training.json} says about a checkpoint: enough to place it on scaling and
 * data-mixture curves (N, D, C, the learning rate of every step for LR-annealing fits, the
 * mixture) and to reproduce it (options, seed, corpus hash).
 *
 * @param config the model
 * @param options the run's options (all steps, even for an intermediate checkpoint)
 * @param tokenizer how the tokenizer was made, e.g. "bpe:1024"
 * @param corpus training corpus file
 * @param corpusSha256 its SHA-256
 * @param valid validation corpus file, or null
 * @param mixture sampling weight of each domain (summing to 1)
 * @param step optimizer steps taken
 * @param learningRates the rate of each step taken
 * @param losses the training loss of each step taken (nats per token)
 * @param validation validation losses at the evaluations so far
 * @param wallSeconds seconds spent in training steps so far
 */
public record TrainingRecord(
    ModelConfig config,
    TrainingOptions options,
    String tokenizer,
    Path corpus,
    String corpusSha256,
    Path valid,
    Map<String, Double> mixture,
    int step,
    double[] learningRates,
    float[] losses,
    List<Evaluation> validation,
    double wallSeconds) {

  /**
   * Validation losses after {@code step} steps.
   *
   * @param step steps taken when evaluated
   * @param loss mean loss per domain, and over all under {@link ValidationSet#ALL}
   */
  public record Evaluation(int step, Map<String, Double> loss) {}

  /** Tokens seen: steps x batch x context. */
  public long tokens() {
    return step * options.tokensPerStep();
  }

  /** Training compute C = 6 N D with N the non-embedding parameters (Kaplan et al. 2020). */
  public double flops() {
    return 6.0 * config.nonEmbeddingParameters() * tokens();
  }

  public double tokensPerSecond() {
    return wallSeconds > 0 ? tokens() / wallSeconds : 0;
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject();
    json.addProperty("family", config.family().name().toLowerCase());
    JsonObject model = new JsonObject();
    model.addProperty("vocab_size", config.vocabSize());
    model.addProperty("dim", config.dim());
    model.addProperty("layers", config.nLayers());
    model.addProperty("heads", config.nHeads());
    model.addProperty("kv_heads", config.nKvHeads());
    model.addProperty("hidden", config.hiddenDim());
    model.addProperty("context", config.maxPositions());
    json.add("config", model);
    json.addProperty("parameters", config.totalParameters());
    json.addProperty("non_embedding_parameters", config.nonEmbeddingParameters());
    json.addProperty("step", step);
    json.addProperty("steps", options.steps());
    json.addProperty("tokens", tokens());
    json.addProperty("flops", flops());
    json.addProperty("seed", options.seed());
    json.addProperty("tokenizer", tokenizer);
    JsonObject hyper = new JsonObject();
    hyper.addProperty("batch", options.batch());
    hyper.addProperty("lr", options.lr());
    hyper.addProperty("min_lr", options.minLr());
    hyper.addProperty("warmup", options.warmup());
    hyper.addProperty("schedule", options.schedule().name().toLowerCase());
    hyper.addProperty("decay_fraction", options.decayFraction());
    hyper.addProperty("weight_decay", options.weightDecay());
    hyper.addProperty("clip", options.clip());
    json.add("optimizer", hyper);
    JsonObject data = new JsonObject();
    data.addProperty("corpus", corpus.toString());
    data.addProperty("corpus_sha256", corpusSha256);
    if (valid != null) {
      data.addProperty("valid", valid.toString());
    }
    JsonObject weights = new JsonObject();
    mixture.forEach(weights::addProperty);
    data.add("mixture", weights);
    json.add("data", data);
    json.addProperty("wall_seconds", wallSeconds);
    json.addProperty("tokens_per_second", tokensPerSecond());
    JsonArray lr = new JsonArray();
    for (double x : learningRates) {
      lr.add(x);
    }
    json.add("learning_rate", lr);
    JsonArray loss = new JsonArray();
    for (float x : losses) {
      loss.add(x);
    }
    json.add("loss", loss);
    JsonArray evaluations = new JsonArray();
    for (Evaluation e : validation) {
      JsonObject row = new JsonObject();
      row.addProperty("step", e.step());
      JsonObject byDomain = new JsonObject();
      e.loss().forEach(byDomain::addProperty);
      row.add("loss", byDomain);
      evaluations.add(row);
    }
    json.add("validation", evaluations);
    return json;
  }

  /** Writes {@code file} (pretty JSON). */
  public void write(Path file) throws IOException {
    StrictJson.write(file, toJson());
  }
}

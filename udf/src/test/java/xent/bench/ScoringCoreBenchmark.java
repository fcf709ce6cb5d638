package xent.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import xent.model.LoadedModel;
import xent.model.ModelConfig;
import xent.model.ModelSpec;
import xent.model.TorchEngine;
import xent.model.Weights;
import xent.model.checkpoint.Checkpoint;
import xent.model.checkpoint.DType;
import xent.model.checkpoint.HfCheckpointWriter;
import xent.reference.RandomCheckpoints;
import xent.reference.ResidentMemory;
import xent.score.Scorer;
import xent.score.ScoringOptions;
import xent.score.TokenScores;
import xent.tokenize.TokenizerJsonWriter;

/**
 * Scoring-core benchmark: tokens/s and peak RSS of the scorer (log-softmax and gather on the
 * engine) against copying the full [B, T, V] logits to the Java heap and reducing them there, for
 * stories260K and a random-weight model of GPT-2 small's shape, at B x T = 2048.
 *
 * <p>Each case runs in a JVM of its own so that its peak RSS is its own. Prints; asserts nothing.
 *
 * <pre>
 * mvn -B -q -pl udf test-compile exec:exec -Dexec.classpathScope=test -Dexec.executable=java \
 *   -Dexec.args="-cp %classpath xent.bench.ScoringCoreBenchmark"
 * </pre>
 */
public final class ScoringCoreBenchmark {

  private static final int BATCH_TOKENS = 2048;

  public static void main(String[] args) throws Exception {
    if (args.length == 3) {
      runCase(args[0], Path.of(args[1]), args[2]);
      return;
    }
    // Run from udf/ by Maven: the project's ../shared is two levels up.
    Path shared = Path.of(System.getProperty("xent.shared", "../../shared")).toAbsolutePath().normalize();
    Path gpt2 = Path.of("target/bench/gpt2-124M").toAbsolutePath();
    if (!Files.exists(gpt2.resolve("config.json"))) {
      writeRandomGpt2Small(gpt2);
    }
    System.out.printf("%-12s %-7s %7s %10s %12s%n", "model", "logits", "tokens", "tokens/s", "peak RSS MB");
    for (String[] model : new String[][] {
        {"stories260K", shared.resolve("models/stories260K").toString()},
        {"gpt2-124M", gpt2.toString()}}) {
      for (String mode : new String[] {"engine", "java"}) {
        List<String> command = new ArrayList<>(List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx6g",
            "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
            "-Dorg.slf4j.simpleLogger.log.ai.djl.util.cuda=error",
            "-cp", System.getProperty("java.class.path"),
            ScoringCoreBenchmark.class.getName(), model[0], model[1], mode));
        ProcessBuilder pb = new ProcessBuilder(command).inheritIO();
        pb.environment().put("OPT_OUT_TRACKING", "true");
        if (pb.start().waitFor() != 0) {
          System.out.println(model[0] + " " + mode + ": failed");
        }
      }
    }
  }

  private static void writeRandomGpt2Small(Path folder) throws IOException {
    System.out.println("writing a random-weight GPT-2 small (124M) to " + folder);
    Checkpoint random = RandomCheckpoints.gpt2().optVocabSize(50257).optDim(768).optLayers(12)
        .optHeads(12, 12).optMaxPositions(1024).optStd(0.02).build(1);
    HfCheckpointWriter.write(folder, random.config(), random.tensors(), DType.F32, 1);
    TokenizerJsonWriter.writeByteLevel(folder.resolve("tokenizer.json"), List.of(), List.of("<|endoftext|>"));
  }

  private static void runCase(String name, Path folder, String mode) throws Exception {
    TorchEngine.start(0);
    try (LoadedModel model = LoadedModel.load(new ModelSpec(name, folder))) {
      ModelConfig config = model.config();
      int window = Math.min(512, config.maxPositions());
      // Random documents of one window each: B x T = 2048 per batch.
      Random random = new Random(1);
      List<int[]> documents = new ArrayList<>();
      int total = config.vocabSize() > 1000 ? 8192 : 65536;
      for (int i = 0; i < total / window; i++) {
        documents.add(random.ints(window, 3, config.vocabSize()).toArray());
      }
      ScoringOptions options = ScoringOptions.DEFAULT.withMaxLength(window).withTokenBudget(BATCH_TOKENS);
      double sum = 0;
      run(model, options, mode, documents.subList(0, BATCH_TOKENS / window)); // warm up
      long start = System.nanoTime();
      sum += run(model, options, mode, documents);
      double seconds = (System.nanoTime() - start) / 1e9;
      System.out.printf("%-12s %-7s %7d %10.0f %12d   (sum %.3f)%n",
          name, mode, total, total / seconds, ResidentMemory.peakMegabytes(), sum);
    }
  }

  private static double run(LoadedModel model, ScoringOptions options, String mode, List<int[]> docs) {
    double sum = 0;
    if (mode.equals("engine")) {
      try (Scorer scorer = new Scorer(model, options)) {
        for (TokenScores s : scorer.scoreTokens(docs)) {
          sum += s.sum();
        }
      }
      return sum;
    }
    // The baseline xent avoids: full logits copied to Java, log-softmax and gather there.
    int prefix = model.tokenizer().prefixId();
    int rows = BATCH_TOKENS / docs.get(0).length;
    for (int from = 0; from < docs.size(); from += rows) {
      List<int[]> batch = docs.subList(from, Math.min(docs.size(), from + rows));
      int t = batch.get(0).length;
      long[] ids = new long[batch.size() * t];
      for (int r = 0; r < batch.size(); r++) {
        ids[r * t] = prefix;
        for (int i = 1; i < t; i++) {
          ids[r * t + i] = batch.get(r)[i - 1];
        }
      }
      try (NDManager scope = model.lm().head().getManager().newSubManager()) {
        NDArray hidden = model.lm().hiddenStates(scope.create(ids, new Shape(batch.size(), t)));
        float[] logits = Weights.linear(hidden, model.lm().head(), null).toFloatArray(); // [B*T*V]
        int v = model.config().vocabSize();
        for (int r = 0; r < batch.size(); r++) {
          for (int i = 0; i < t; i++) {
            int row = (r * t + i) * v;
            double max = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < v; k++) {
              max = Math.max(max, logits[row + k]);
            }
            double z = 0;
            for (int k = 0; k < v; k++) {
              z += Math.exp(logits[row + k] - max);
            }
            sum += logits[row + batch.get(r)[i]] - max - Math.log(z);
          }
        }
      }
    }
    return sum;
  }
}

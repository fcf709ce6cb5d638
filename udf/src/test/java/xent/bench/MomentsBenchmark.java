package xent.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import xent.model.LoadedModel;
import xent.model.ModelSpec;
import xent.model.TorchEngine;
import xent.reference.RandomCheckpoints;
import xent.reference.ResidentMemory;
import xent.score.Scorer;
import xent.score.ScoringOptions;
import xent.score.TokenScores;

/**
 * Moments benchmark: peak RSS and tokens/s of scoring with a 262,144-entry vocabulary (Gemma 3's
 * size) by today's chunked log-softmax (with entropy and rank) and by the streaming moments pass
 * at two tile widths, against the size of the [B, T, V] float32 logits the pass never forms.
 * A random Llama of dim 64 and 2 layers keeps the head (64 MB) the dominant cost.
 *
 * <p>Each case runs in a JVM of its own so that its peak RSS is its own. Prints; asserts nothing.
 *
 * <p>Run it also with {@code MALLOC_MMAP_THRESHOLD_=1048576}: glibc otherwise keeps freed tiles
 * of 16 MB in its heap after raising its mmap threshold, and peak RSS then measures the
 * allocator's retention (1614 MB for tiles of 8192 measured here) rather than live arrays (395 MB
 * with the threshold fixed; the engine's managers hold no tile past its step).
 *
 * <pre>
 * cd udf &amp;&amp; mvn -B -q -o test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt \
 *   -Dmdep.includeScope=test
 * OPT_OUT_TRACKING=true nice -n 19 java -cp target/test-classes:target/classes:$(cat target/cp.txt) \
 *   xent.bench.MomentsBenchmark
 * </pre>
 *
 * <p>(The exec plugin that ScoringCoreBenchmark names is not in the offline repository here.)
 */
public final class MomentsBenchmark {

  private static final int VOCAB = 262_144;
  private static final int WINDOW = 256;
  private static final int BATCH_TOKENS = 512;
  private static final int TOKENS = Integer.getInteger("tokens", 4096);

  public static void main(String[] args) throws Exception {
    Path folder = Path.of("target/bench/llama-vocab262144").toAbsolutePath();
    if (args.length == 2) {
      runCase(folder, args[0], Integer.parseInt(args[1]));
      return;
    }
    if (!Files.exists(folder.resolve("config.json"))) {
      System.out.println("writing a random Llama with a 262,144-entry vocabulary to " + folder);
      RandomCheckpoints.writeFolder(folder, RandomCheckpoints.llama().optVocabSize(VOCAB)
          .optMaxPositions(WINDOW).build(1));
    }
    System.out.printf("[B, T, V] float32 logits of one batch (B x T = %d): %d MB%n",
        BATCH_TOKENS, (long) BATCH_TOKENS * VOCAB * 4 >> 20);
    System.out.printf("%-12s %6s %7s %10s %12s%n", "path", "tile", "tokens", "tokens/s", "peak RSS MB");
    for (String[] c : new String[][] {{"log-softmax", "0"}, {"moments", "8192"}, {"moments", "32768"}}) {
      List<String> command = new ArrayList<>(List.of(
          Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx2g",
          "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
          "-Dorg.slf4j.simpleLogger.log.ai.djl.util.cuda=error",
          "-cp", System.getProperty("java.class.path"),
          MomentsBenchmark.class.getName(), c[0], c[1]));
      ProcessBuilder pb = new ProcessBuilder(command).inheritIO();
      pb.environment().put("OPT_OUT_TRACKING", "true");
      if (pb.start().waitFor() != 0) {
        System.out.println(c[0] + " " + c[1] + ": failed");
      }
    }
  }

  private static void runCase(Path folder, String path, int tile) throws Exception {
    TorchEngine.start(0);
    try (LoadedModel model = LoadedModel.load(new ModelSpec("vocab262144", folder))) {
      Random random = new Random(1);
      List<int[]> documents = new ArrayList<>();
      for (int i = 0; i < TOKENS / WINDOW; i++) {
        documents.add(random.ints(WINDOW, 3, VOCAB).toArray());
      }
      ScoringOptions options = ScoringOptions.DEFAULT.withMaxLength(WINDOW).withTokenBudget(BATCH_TOKENS);
      options = path.equals("moments")
          ? options.withMoments(true).withVocabTile(tile) : options.withEntropyAndRank(true);
      try (Scorer scorer = new Scorer(model, options)) {
        scorer.scoreTokens(documents.subList(0, 2)); // warm up
        long start = System.nanoTime();
        double sum = 0;
        for (TokenScores s : scorer.scoreTokens(documents)) {
          sum += s.sum();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("%-12s %6s %7d %10.0f %12d   (sum %.3f)%n",
            path, tile == 0 ? "-" : Integer.toString(tile), TOKENS, TOKENS / seconds,
            ResidentMemory.peakMegabytes(), sum);
      }
    }
  }
}

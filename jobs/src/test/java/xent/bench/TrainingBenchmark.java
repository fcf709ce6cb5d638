package xent.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import xent.model.ModelConfig.Family;
import xent.model.TorchEngine;
import xent.tokenize.HfTokenizer;
import xent.train.LearningRateSchedule;
import xent.train.TokenStreams;
import xent.train.TokenizerChoice;
import xent.train.Trainer;
import xent.train.TrainingOptions;

/**
 * Training throughput per model size on the TinyStories sample (byte tokenizer):
 * {@code java ... xent.bench.TrainingBenchmark FAMILY DIM LAYERS HEADS CONTEXT BATCH STEPS}.
 */
public final class TrainingBenchmark {

  public static void main(String[] args) throws IOException {
    TorchEngine.start(Integer.getInteger("threads", 2));
    Family family = Family.valueOf(args[0].toUpperCase());
    int dim = Integer.parseInt(args[1]);
    int layers = Integer.parseInt(args[2]);
    int heads = Integer.parseInt(args[3]);
    int context = Integer.parseInt(args[4]);
    int batch = Integer.parseInt(args[5]);
    int steps = Integer.parseInt(args[6]);
    Path dir = Files.createTempDirectory("xent-bench");
    List<String> lines = Files.readAllLines(Path.of("../shared/reference/tinystory.txt"));
    TokenizerChoice.parse("byte", null).write(dir, lines);
    HfTokenizer tokenizer = HfTokenizer.open(dir);
    TrainingOptions options = new TrainingOptions(family, dim, layers, heads, 0, 0, context,
        batch, steps, 1e-3, 1e-4, 5, LearningRateSchedule.Shape.COSINE, 0, 0.1, 1, 1, 0, 0);
    try (Trainer trainer = new Trainer(options, tokenizer,
        TokenStreams.of(Map.of("s", lines), tokenizer), null)) {
      long start = System.nanoTime();
      for (int s = 0; s < steps; s++) {
        long t0 = System.nanoTime();
        float loss = trainer.step();
        long t1 = System.nanoTime();
        if (s < 5 || s % 10 == 0) {
          System.out.printf("step %d loss %.3f %.1f ms%n", s, loss, (t1 - t0) / 1e6);
        }
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      System.out.printf("%s dim %d layers %d: N=%,d  %,.0f tokens/s%n", family, dim, layers,
          trainer.model().config().nonEmbeddingParameters(),
          steps * options.tokensPerStep() / seconds);
    }
  }
}

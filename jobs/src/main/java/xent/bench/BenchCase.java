package xent.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import xent.cli.BenchCommand;
import xent.model.LoadedModel;
import xent.model.ModelConfig;
import xent.model.ModelSpec;
import xent.model.TorchEngine;
import xent.score.DocumentScore;
import xent.score.Scorer;
import xent.score.ScoringOptions;
import xent.score.StageTimes;
import xent.scoring.CorpusOptions;
import xent.scoring.ScoreJob;
import xent.scoring.ScoreJobOptions;
import xent.scoring.ScoreSummary;

/** One benchmark case, run in a JVM of its own: "MODEL:LENGTH:THREADS:MODE". */
public final class BenchCase {

  private BenchCase() {}

  public static void run(String spec, BenchModels models, Path documents) throws Exception {
    String[] parts = spec.split(":");
    String size = parts[0];
    int length = Integer.parseInt(parts[1]);
    int threads = Integer.parseInt(parts[2]);
    String mode = parts[3];
    TorchEngine.start(threads);
    double ceiling = GemmCeiling.measure();
    List<String> texts = BenchDocuments.texts(documents);
    ModelSpec model = new ModelSpec("stories" + size, models.folder(size));
    ScoringOptions options = ScoringOptions.DEFAULT.withMaxLength(length);
    switch (mode) {
      case "batched" -> scorer(model, options, texts, threads, ceiling, "");
      case "one-at-a-time" -> scorer(model, options.withTokenBudget(1), texts, threads, ceiling,
          "(one window per batch)");
      case "score-job" -> scoreJob(model, options, texts, documents, threads, ceiling);
      case "two-models-per-token" -> twoModels(model, new ModelSpec("stories260K", models.folder("260K")),
          options, documents);
      default -> throw new IllegalArgumentException("unknown bench mode " + mode);
    }
  }

  /** Seconds and tokens of the scorer alone on every text (after a short warm-up). */
  private static double[] time(LoadedModel model, ScoringOptions options, List<String> texts) {
    return timed(model, options, texts).seconds();
  }

  /** The timed run: seconds and tokens, and where a fresh scorer's time went stage by stage. */
  private record Timed(double[] seconds, StageTimes stages) {}

  private static Timed timed(LoadedModel model, ScoringOptions options, List<String> texts) {
    try (Scorer warmUp = new Scorer(model, options)) {
      warmUp.scoreTexts(texts.subList(0, Math.min(4, texts.size())), false);
    }
    try (Scorer scorer = new Scorer(model, options)) {
      long start = System.nanoTime();
      long tokens = 0;
      for (DocumentScore s : scorer.scoreTexts(texts, false)) {
        tokens += s.nTokens();
      }
      return new Timed(new double[] {(System.nanoTime() - start) / 1e9, tokens}, scorer.times());
    }
  }

  private static void scorer(ModelSpec spec, ScoringOptions options, List<String> texts, int threads,
      double ceiling, String note) throws IOException {
    try (LoadedModel model = LoadedModel.load(spec)) {
      Timed timed = timed(model, options, texts);
      double[] run = timed.seconds();
      ModelConfig c = model.config();
      double flops = ForwardFlops.perToken(c, options.maxLength());
      double tokensPerSecond = run[1] / run[0];
      double achieved = tokensPerSecond * flops / 1e9;
      System.out.printf("%-12s %6d %7d %10.0f %10.0f %9.4f %9.1f %7.1f %7.0f%% %6d MB %s%n",
          spec.name(), options.maxLength(), threads, run[1], tokensPerSecond, flops / 1e9, achieved,
          ceiling, 100 * achieved / ceiling, ProcessMemory.peakMegabytes(), note);
      System.out.printf("%12s weights %d MB (float32)%n", "", c.totalParameters() * 4 / (1 << 20));
      System.out.printf("%12s stages: %s%n", "", timed.stages().summary());
    }
  }

  private static SparkSession localOne() {
    return SparkSession.builder().appName("xent bench").master("local[1]")
        .config("spark.ui.enabled", "false").config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1").getOrCreate();
  }

  private static void scoreJob(ModelSpec spec, ScoringOptions options, List<String> texts, Path documents,
      int threads, double ceiling) throws IOException {
    double[] alone;
    try (LoadedModel model = LoadedModel.load(spec)) {
      alone = time(model, options, texts);
    }
    SparkSession spark = localOne();
    try {
      double scorer = alone[1] / alone[0];
      // A new JVM first loads thousands of Spark classes (about 10 s here): the cold run pays it,
      // the warm run measures the job's own cost, which is what a long job sees.
      for (String run : List.of("cold", "warm")) {
        Path out = Files.createTempDirectory("xent-bench-score");
        ScoreJobOptions job = new ScoreJobOptions(List.of(spec), CorpusOptions.of(documents.toString()),
            out.toString(), options, false, 1);
        long start = System.nanoTime();
        ScoreSummary summary = ScoreJob.run(spark, job);
        double seconds = (System.nanoTime() - start) / 1e9;
        long tokens = summary.models().get(spec.name()).tokens();
        System.out.printf("score job (%s JVM) vs scorer alone (%s, length %d, local[1], %d thread): "
                + "job %.0f tokens/s over %.1f s, scorer %.0f tokens/s: ratio %.2f%n",
            run, spec.name(), options.maxLength(), threads, tokens / seconds, seconds, scorer,
            (tokens / seconds) / scorer);
      }
    } finally {
      spark.stop();
    }
  }

  private static void twoModels(ModelSpec first, ModelSpec second, ScoringOptions options, Path documents)
      throws IOException {
    SparkSession spark = localOne();
    try {
      Path out = Files.createTempDirectory("xent-bench-two");
      ScoreJobOptions job = new ScoreJobOptions(List.of(first, second),
          CorpusOptions.of(documents.toString()), out.toString(), options.withEntropyAndRank(true), true, 1);
      long start = System.nanoTime();
      ScoreSummary summary = ScoreJob.run(spark, job);
      double seconds = (System.nanoTime() - start) / 1e9;
      long tokens = summary.models().values().stream().mapToLong(ScoreSummary.ModelTotals::tokens).sum();
      System.out.printf("score job, two models, --per-token (local[1]): %d tokens in %.1f s, %.0f tokens/s%n",
          tokens, seconds, tokens / seconds);
    } finally {
      spark.stop();
    }
  }
}

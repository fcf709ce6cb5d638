package xent.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import xent.bench.BenchCase;
import xent.bench.BenchDocuments;
import xent.bench.BenchModels;

/**
 * {@code xent bench}: scoring speed at realistic model sizes, against the machine's own fp32 GEMM
 * rate. Random-weight llama2.c models of the stories15M and stories110M shapes (weights do not
 * change speed) and stories260K score the same documents at several window lengths and thread
 * counts; each case runs in a JVM of its own, because PyTorch fixes its thread count when it
 * starts and because peak RSS is per process. Prints; asserts nothing.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = "Benchmark the scorer (and the score job) against this machine's GEMM ceiling.")
public final class BenchCommand implements Callable<Integer> {

  @Mixin ConfigFile.Option config;

  @Option(names = "--shared", defaultValue = "../shared", description = "The shared reference folder.")
  Path shared;

  @Option(names = "--work", defaultValue = "target/bench", description = "Where models and texts are built.")
  Path work;

  @Option(names = "--corpus", description = "JSONL documents to score (default: the reference story, repeated).")
  Path corpus;

  @Option(names = "--tokens", defaultValue = "40000", description = "Tokens to score per case.")
  int tokens;

  @Option(names = "--models", split = ",", defaultValue = "260K,15M,110M")
  List<String> models;

  @Option(names = "--lengths", split = ",", defaultValue = "256,1024")
  List<Integer> lengths;

  @Option(names = "--threads", split = ",", defaultValue = "1,2")
  List<Integer> threads;

  @Option(names = "--no-score-job",
      description = "Skip timing the end-to-end score job against the scorer alone (local[1], 1 thread).")
  boolean noScoreJob;

  @Option(names = "--case", hidden = true, description = "Internal: run one case in this JVM.")
  String caseSpec;

  @Override
  public Integer call() throws Exception {
    BenchModels benchModels = new BenchModels(shared, work);
    if (caseSpec != null) {
      BenchCase.run(caseSpec, benchModels, work.resolve("documents.jsonl"));
      return 0;
    }
    Path documents = BenchDocuments.write(shared, corpus, work.resolve("documents.jsonl"), tokens);
    System.out.printf("documents: %s%n%n", documents);
    System.out.printf("%-12s %6s %7s %10s %10s %9s %9s %7s %8s %9s%n", "model", "length", "threads",
        "tokens", "tokens/s", "GFLOP/tok", "GFLOP/s", "ceiling", "achieved", "peak RSS");
    for (String model : models) {
      benchModels.folder(model); // build it once, outside the timed cases
      for (int length : lengths) {
        for (int t : threads) {
          child(t, model + ":" + length + ":" + t + ":batched");
        }
      }
      if (model.equals("260K")) {
        child(1, "260K:256:1:one-at-a-time");
      }
    }
    if (!noScoreJob) {
      child(1, "15M:256:1:score-job");
      child(1, "15M:256:1:two-models-per-token");
    }
    return 0;
  }

  /** Runs one case in a new JVM with this JVM's options and classpath, echoing its output. */
  private void child(int threadCount, String spec) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
    command.add("-Dai.djl.pytorch.num_threads=" + threadCount);
    command.add("-Dai.djl.pytorch.num_interop_threads=1");
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), "xent.cli.Main", "bench",
        "--shared", shared.toString(), "--work", work.toString(), "--case", spec));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(false);
    builder.environment().put("OPT_OUT_TRACKING", "true");
    builder.redirectError(ProcessBuilder.Redirect.INHERIT);
    Process process = builder.start();
    try (BufferedReader out = new BufferedReader(
        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = out.readLine(); line != null; line = out.readLine()) {
        System.out.println(line);
      }
    }
    if (process.waitFor() != 0) {
      System.out.println(spec + ": failed (exit " + process.exitValue() + ")");
    }
  }
}

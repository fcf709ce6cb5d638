package xent.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import xent.model.ModelConfig;
import xent.model.TorchEngine;
import xent.train.LearningRateSchedule;
import xent.train.TokenizerChoice;
import xent.train.TrainingOptions;
import xent.train.TrainingRun;

/** Trains one GPT-2 or Llama model from scratch on the CPU, without Spark. */
@Command(
    name = "train",
    mixinStandardHelpOptions = true,
    description = "Train a GPT-2 or Llama model from scratch on a JSONL corpus (id, domain, text)"
        + " and write a Hugging Face folder with training.json.")
public final class TrainCommand implements Callable<Integer>, Preflight {

  @Mixin ConfigFile.Option config;

  @Option(names = "--corpus", required = true, paramLabel = "FILE.jsonl",
      description = "Training documents, one JSON object per line with a \"text\" field.")
  Path corpus;

  @Option(names = "--valid", paramLabel = "FILE.jsonl",
      description = "Held-out documents: validation loss per domain every K steps and at the end.")
  Path valid;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder.")
  Path out;

  @Option(names = "--family", defaultValue = "gpt2", paramLabel = "gpt2|llama")
  ModelConfig.Family family;

  @Option(names = "--dim", defaultValue = "64") int dim;
  @Option(names = "--layers", defaultValue = "2") int layers;
  @Option(names = "--heads", defaultValue = "4") int heads;

  @Option(names = "--kv-heads", defaultValue = "0",
      description = "Llama key/value heads (default: as many as --heads).")
  int kvHeads;

  @Option(names = "--hidden", defaultValue = "0",
      description = "Feed-forward width (default: 4 dim for GPT-2, 8/3 dim for Llama).")
  int hidden;

  @Option(names = "--context", defaultValue = "128", paramLabel = "T") int context;
  @Option(names = "--batch", defaultValue = "16", paramLabel = "B") int batch;

  static final class Length {
    @Option(names = "--steps", paramLabel = "S", description = "Optimizer steps.")
    Integer steps;

    @Option(names = "--tokens", paramLabel = "D",
        description = "Training tokens instead of steps: S = ceil(D / (B T)).")
    Long tokens;
  }

  @ArgGroup(exclusive = true, multiplicity = "0..1") Length length;

  @Option(names = "--lr", defaultValue = "1e-3") double lr;
  @Option(names = "--min-lr", defaultValue = "1e-4") double minLr;
  @Option(names = "--warmup", defaultValue = "20") int warmup;

  @Option(names = "--schedule", defaultValue = "cosine", paramLabel = "cosine|wsd")
  LearningRateSchedule.Shape schedule;

  @Option(names = "--decay-fraction", defaultValue = "0.2",
      description = "WSD: share of the steps spent decaying (default ${DEFAULT-VALUE}).")
  double decayFraction;

  @Option(names = "--weight-decay", defaultValue = "0.1") double weightDecay;
  @Option(names = "--clip", defaultValue = "1.0") double clip;
  @Option(names = "--seed", defaultValue = "1") long seed;

  @Option(names = "--tokenizer", defaultValue = "byte", paramLabel = "byte|bpe[:VOCAB]")
  String tokenizer;

  @Option(names = "--tokenizer-from", paramLabel = "DIR",
      description = "Reuse DIR/tokenizer.json (models to be mixed must share a tokenizer).")
  Path tokenizerFrom;

  @Option(names = "--domain-weights", split = ",", paramLabel = "DOMAIN=W",
      description = "Mixture weights (normalized; absent domains get 0). Default: by size.")
  Map<String, Double> domainWeights;

  @Option(names = "--domain-col", defaultValue = "domain") String domainColumn;

  @Option(names = "--checkpoint-every", defaultValue = "0", paramLabel = "K",
      description = "Write DIR/step-K/ every K steps (default 0: only the final model).")
  int checkpointEvery;

  @Option(names = "--valid-windows", defaultValue = "32",
      description = "Most validation windows per domain (default ${DEFAULT-VALUE}).")
  int validWindows;

  @Option(names = "--threads", defaultValue = "1",
      description = "PyTorch threads (default 1: small models gain little from more, and OpenMP"
          + " threads spin badly on a busy machine; 0: all cores).")
  int threads;

  @Override
  public void checkInputs() {
    InputCheck.file(corpus, "corpus file");
    InputCheck.file(valid, "validation file");
    InputCheck.folder(tokenizerFrom, "--tokenizer-from folder");
  }

  @Override
  public Integer call() throws IOException {
    checkInputs();
    TorchEngine.start(threads);
    int steps = length == null || (length.steps == null && length.tokens == null) ? 1000
        : length.steps != null ? length.steps
        : TrainingOptions.stepsFor(length.tokens, batch, context);
    TrainingOptions options = new TrainingOptions(family, dim, layers, heads, kvHeads, hidden,
        context, batch, steps, lr, minLr, Math.min(warmup, steps - 1), schedule, decayFraction,
        weightDecay, clip, seed, checkpointEvery, validWindows);
    Map<String, Double> weights = domainWeights == null ? null : new LinkedHashMap<>(domainWeights);
    new TrainingRun(options, TokenizerChoice.parse(tokenizer, tokenizerFrom), corpus, valid,
        domainColumn, weights, out).run(System.out);
    return 0;
  }
}

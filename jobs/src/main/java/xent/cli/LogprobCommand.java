package xent.cli;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import xent.bench.ProcessMemory;
import xent.model.LoadedModel;
import xent.model.ModelSpec;
import xent.model.TorchEngine;
import xent.score.DocumentScore;
import xent.score.Scorer;
import xent.score.ScoringOptions;
import xent.scoring.Utf8Text;
import xent.tokenize.SpecialToken;

/**
 * Scores whole files on one machine, without Spark: one JSON object per (model, file) on stdout,
 * naming the prefix token used and the file that chose it.
 * Unreadable files are reported on stderr and the others still scored; the exit code is 1 then.
 */
@Command(
    name = "logprob",
    mixinStandardHelpOptions = true,
    description = "Log-likelihood of each FILE (the whole file is one document) under each model.")
public final class LogprobCommand implements Callable<Integer>, Preflight {

  @picocli.CommandLine.Mixin ConfigFile.Option config;

  @picocli.CommandLine.Mixin WindowOptions windows;

  @Option(names = "--model", required = true, paramLabel = "NAME=PATH", converter = ModelSpecConverter.class,
      description = "A Hugging Face or llama2.c model folder; repeat for several models.")
  List<ModelSpec> models;

  @Option(names = "--threads", defaultValue = "0", paramLabel = "N",
      description = "PyTorch threads (default: all cores).")
  int threads;

  @Option(names = "--timings",
      description = "Print on stderr, per model, where the time went: load, then tokenise, windows and batches,"
          + " forward, head and log-softmax, copy back; tokens/s, padding and peak RSS.")
  boolean timings;

  @Parameters(arity = "1..*", paramLabel = "FILE", description = "UTF-8 text files.")
  List<Path> files;

  /** Every model before any is loaded: a typo in the second one should not cost the first one's load. */
  @Override
  public void checkInputs() {
    models.forEach(InputCheck::model);
  }

  @Override
  public Integer call() throws IOException {
    checkInputs();
    long engineStart = System.nanoTime();
    TorchEngine.start(threads);
    double engineSeconds = (System.nanoTime() - engineStart) / 1e9;
    Gson gson = new GsonBuilder().disableHtmlEscaping().serializeNulls().create();
    PrintStream out = System.out;
    List<Path> readable = new ArrayList<>();
    List<String> texts = new ArrayList<>();
    int failures = 0;
    for (Path file : files) {
      try {
        texts.add(readUtf8(file));
        readable.add(file);
      } catch (IOException e) {
        System.err.println("xent: error: cannot read " + file + ": " + describe(e));
        failures++;
      }
    }
    ScoringOptions options = windows.scoring();
    for (ModelSpec spec : models) {
      long loadStart = System.nanoTime();
      try (LoadedModel model = LoadedModel.load(spec);
          Scorer scorer = new Scorer(model, options)) {
        double loadSeconds = (System.nanoTime() - loadStart) / 1e9;
        List<DocumentScore> scores = scorer.scoreTexts(texts, false);
        for (int i = 0; i < scores.size(); i++) {
          out.println(gson.toJson(record(model, readable.get(i), scores.get(i))));
        }
        if (timings) {
          System.err.printf(Locale.ROOT, "xent logprob: %s: engine start %.2f s, load %.2f s; %s; peak RSS %,d MB%n",
              spec.name(), engineSeconds, loadSeconds, scorer.times().summary(), ProcessMemory.peakMegabytes());
        }
      }
    }
    return failures == 0 ? 0 : 1;
  }

  /** Reads a file as strict UTF-8, as score reads its corpora: invalid bytes fail the file. */
  static String readUtf8(Path file) throws IOException {
    return Utf8Text.decode(Files.readAllBytes(file));
  }

  private static String describe(IOException e) {
    if (e instanceof java.nio.file.NoSuchFileException) {
      return "no such file";
    }
    if (e instanceof java.nio.file.AccessDeniedException) {
      return "permission denied";
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  private static Map<String, Object> record(LoadedModel model, Path file, DocumentScore score) {
    SpecialToken prefix = model.tokenizer().prefix();
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("model", model.name());
    r.put("file", file.toString());
    r.put("n_tokens", score.nTokens());
    r.put("n_bytes", score.nBytes());
    r.put("logprob", score.logprob());
    r.put("token_perplexity", finiteOrNull(score.tokenPerplexity()));
    r.put("bits_per_byte", finiteOrNull(score.bitsPerByte()));
    r.put("prefix_id", prefix.id());
    r.put("prefix_from", prefix.source());
    return r;
  }

  private static Double finiteOrNull(double value) {
    return Double.isFinite(value) ? value : null;
  }
}

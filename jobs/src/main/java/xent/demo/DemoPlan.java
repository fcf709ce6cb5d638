package xent.demo;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import xent.report.DemoLayout;
import xent.train.GridResult;
import xent.train.TrainingMetadata;

/**
 * The demo's steps, writing where {@link DemoLayout} says.
 *
 * @param layout the demo's folders
 * @param preset the training grid's preset
 * @param corpus a corpus folder with train.jsonl and valid.jsonl, or null to fetch the samples
 * @param bootstrap bootstrap resamples of each scaling fit
 */
public record DemoPlan(DemoLayout layout, String preset, Path corpus, int bootstrap) {

  public Path corpusDir() {
    return corpus != null ? corpus : layout.corpus();
  }

  public List<DemoStep> steps() {
    String grid = layout.grid().toString();
    String scores = layout.scores().toString();
    List<DemoStep> steps = new ArrayList<>();
    if (corpus == null) {
      steps.add(new DemoStep("corpora", "fetch the sample corpora (npm) and split them", List.of(),
          List.of(layout.corpus()), () -> List.of(List.of("corpora", "--out", layout.corpus().toString()))));
    }
    steps.add(new DemoStep("train-grid", "train the " + preset + " grid: scaling runs, one expert per domain,"
        + " random mixtures (GPT-2, one BPE tokenizer)", List.of("corpora"), List.of(layout.grid()),
        () -> List.of(List.of("train-grid", "--corpus", corpusDir().resolve("train.jsonl").toString(),
            "--valid", corpusDir().resolve("valid.jsonl").toString(), "--out", grid, "--preset", preset, "--seed", String.valueOf(SEED_TRAINING)))));
    steps.add(new DemoStep("score", "score every grid model on the validation split, per token",
        List.of("corpora", "train-grid"), List.of(layout.scores()), this::scoreCommand));
    steps.add(new DemoStep("map", "the model map: log-likelihood vectors, PCA, clusters, neighbours",
        List.of("train-grid", "score"), List.of(layout.map()), () -> List.of(List.of("map", "--scores", scores, "--out", layout.map().toString(),
            "--model-dirs", grid, "--colour-by", "domain", "--seed", String.valueOf(SEED)))));
    steps.add(new DemoStep("mixture", "estimate mixture losses from the experts' per-token probabilities",
        List.of("train-grid", "score"), List.of(layout.mixture()), () -> List.of(List.of("mixture", "--experts", scores, "--observed", scores,
            "--out", layout.mixture().toString(), "--model-dirs", grid, "--seed", String.valueOf(SEED)))));
    steps.add(new DemoStep("scaling-dataset", "loss per (model, domain) joined with training metadata",
        List.of("train-grid", "score"), List.of(layout.scaling()), () -> List.of(List.of("scaling", "dataset", "--scores", scores,
            "--models", grid, "--out", layout.scaling().toString()))));
    steps.add(new DemoStep("scaling-fit", "fit chinchilla (approaches 1 to 3), power-plus-constant, kaplan-d and lr-annealing with"
        + " bootstrap intervals and verdicts",
        List.of("train-grid", "scaling-dataset"), List.of(layout.fits()), this::fitCommands));
    steps.add(new DemoStep("membership", "membership metrics: each expert on its domain's training against"
        + " held-out documents (AUROC, TPR at 1% FPR)", List.of("corpora", "train-grid"), List.of(layout.membership()),
        this::membershipCommands));
    steps.add(new DemoStep("machine-text", "texts sampled from the largest scaling model against the human"
        + " continuations of the same prompts, and each detector's AUROC", List.of("corpora", "train-grid"),
        List.of(layout.samples(), layout.machineText()), this::machineTextCommands));
    return steps;
  }

  /** Documents no model trained on: the validation and test splits (a Hadoop glob), or validation alone. */
  private String heldOut() {
    return java.nio.file.Files.isRegularFile(corpusDir().resolve("test.jsonl"))
        ? corpusDir().resolve("{valid,test}.jsonl").toString() : corpusDir().resolve("valid.jsonl").toString();
  }

  /**
   * One benchmark per expert, on its own domain: an expert trained for about two epochs of its
   * domain's training documents (512K tokens), so most of them are members; the other models saw a
   * small share of the training split, so "member" would be a guess for them.
   */
  private List<List<String>> membershipCommands() throws IOException {
    List<List<String>> lines = new ArrayList<>();
    for (GridResult run : gridRuns()) {
      if (!run.group().equals("expert")) {
        continue;
      }
      String domain = run.mixture().entrySet().stream().max(java.util.Map.Entry.comparingByValue())
          .orElseThrow(() -> new IOException("expert " + run.name() + " has no mixture in grid.json")).getKey();
      lines.add(List.of("membership", "--model", run.name() + "=" + layout.grid().resolve(run.name()),
          "--members", corpusDir().resolve("train.jsonl").toString(), "--nonmembers", heldOut(),
          "--domain", domain, "--n", "200", "--seed", String.valueOf(SEED), "--metrics", "loss,zlib,mink,minkpp",
          "--out", layout.membership().resolve(run.name()).toString()));
    }
    if (lines.isEmpty()) {
      throw new IOException(layout.grid().resolve("grid.json") + " has no run of group 'expert'");
    }
    return lines;
  }

  /**
   * The largest scaling model writes continuations of held-out prompts and detects them itself
   * (Fast-DetectGPT, the zero-shot test), with the next largest as Binoculars' observer (all grid
   * models share one tokenizer).
   */
  private List<List<String>> machineTextCommands() throws IOException {
    List<GridResult> scaling = gridRuns().stream().filter(r -> r.group().equals("scaling"))
        .sorted(Comparator.comparingDouble(GridResult::flops).thenComparingLong(GridResult::parameters).reversed())
        .toList();
    if (scaling.size() < 2) {
      throw new IOException(layout.grid().resolve("grid.json") + " has fewer than 2 runs of group 'scaling'");
    }
    GridResult writer = scaling.get(0);
    GridResult observer = scaling.stream().filter(r -> r.parameters() != writer.parameters()).findFirst()
        .orElse(scaling.get(1));
    String samples = layout.samples().toString();
    return List.of(
        List.of("sample", "--model", writer.name() + "=" + layout.grid().resolve(writer.name()),
            "--prompts", heldOut(), "--n", "200", "--prompt-tokens", "16", "--new-tokens", "48",
            "--temperature", "1.0", "--top-p", "0.95", "--seed", String.valueOf(SEED), "--out", samples),
        List.of("machine-text", "--model", writer.name() + "=" + layout.grid().resolve(writer.name()),
            "--reference-model", observer.name() + "=" + layout.grid().resolve(observer.name()),
            "--machine", layout.samples().resolve("machine").toString(),
            "--human", layout.samples().resolve("human").toString(),
            "--metrics", "fastdetect,zeroshot,binoculars", "--n", "200", "--seed", String.valueOf(SEED),
            "--out", layout.machineText().toString()));
  }

  private List<List<String>> scoreCommand() throws IOException {
    List<String> line = new ArrayList<>(List.of("score"));
    for (GridResult run : gridRuns()) {
      line.add("--model");
      line.add(run.name() + "=" + layout.grid().resolve(run.name()));
    }
    line.addAll(List.of("--corpus", corpusDir().resolve("valid.jsonl").toString(),
        "--out", layout.scores().toString(), "--per-token"));
    return List.of(line);
  }

  /**
   * The fits: Chinchilla (with approaches 1 and 2) and power law plus constant over the IsoFLOP
   * runs, Kaplan's L(D) over the budgets of the largest size, and the LR-annealing law on the
   * training curve of the longest run. Every resampling has the seed {@link #SEED}.
   */
  private List<List<String>> fitCommands() throws IOException {
    List<GridResult> scaling = gridRuns().stream().filter(r -> r.group().equals("scaling")).toList();
    if (scaling.isEmpty()) {
      throw new IOException(layout.grid().resolve("grid.json") + " has no run of group 'scaling'");
    }
    GridResult longest = scaling.stream().max(Comparator.comparingLong(GridResult::tokens)).orElseThrow();
    long largest = scaling.stream().mapToLong(GridResult::parameters).max().orElseThrow();
    Path training = layout.grid().resolve(longest.name()).resolve("training.json");
    int steps = TrainingMetadata.read(training).losses().length;
    String dataset = layout.scaling().resolve("dataset.csv").toString();
    List<String> scalingRuns = List.of("--where", "domain=*", "--match", "model=scaling-*");
    List<List<String>> lines = new ArrayList<>();
    // C = 6 N D with N the non-embedding parameters (training.json): N* of the law is in those units.
    lines.add(fit("chinchilla", dataset, scalingRuns, bootstrap, "--n-col", "N_non_embedding", "--holdout-largest", "1"));
    lines.add(fit("power-plus-constant", dataset, scalingRuns, bootstrap, "--holdout-largest", "1"));
    lines.add(fit("kaplan-d", dataset, scalingRuns, bootstrap, "--where", "N_non_embedding=" + largest,
        "--holdout-largest", "1"));
    // A curve of thousands of steps costs ~1 s a refit: a fifth of the resamples keeps it to a minute.
    lines.add(fit("lr-annealing", layout.scaling().resolve("curves.csv").toString(),
        List.of("--where", "model=" + longest.name()), Math.max(20, bootstrap / 5),
        "--holdout-largest", String.valueOf(Math.max(1, steps / 4))));
    return lines;
  }

  /**
   * The seed of every random choice after training (map, mixture search and trees, bootstraps,
   * samples), written into each step's command line: reruns of the demo write the same outputs.
   */
  public static final long SEED = 42;

  /** The training grid's seed (initialisation, data order, the random mixtures). */
  public static final long SEED_TRAINING = 1;

  private List<String> fit(String law, String data, List<String> filter, int resamples, String... options) {
    List<String> line = new ArrayList<>(List.of("scaling", "fit", "--data", data, "--law", law));
    line.addAll(filter);
    line.addAll(Arrays.asList(options));
    line.addAll(List.of("--bootstrap", String.valueOf(resamples), "--seed", String.valueOf(SEED), "--plots",
        layout.fits().resolve(law).toString()));
    return line;
  }

  /** The runs of DIR/grid/grid.json, in the grid's order. */
  public List<GridResult> gridRuns() throws IOException {
    return GridResult.readAll(layout.grid().resolve("grid.json"));
  }
}

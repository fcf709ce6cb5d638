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
            "--valid", corpusDir().resolve("valid.jsonl").toString(), "--out", grid, "--preset", preset))));
    steps.add(new DemoStep("score", "score every grid model on the validation split, per token",
        List.of("corpora", "train-grid"), List.of(layout.scores()), this::scoreCommand));
    steps.add(new DemoStep("map", "the model map: log-likelihood vectors, PCA, clusters, neighbours",
        List.of("train-grid", "score"), List.of(layout.map()), () -> List.of(List.of("map", "--scores", scores, "--out", layout.map().toString(),
            "--model-dirs", grid, "--colour-by", "domain"))));
    steps.add(new DemoStep("mixture", "estimate mixture losses from the experts' per-token probabilities",
        List.of("train-grid", "score"), List.of(layout.mixture()), () -> List.of(List.of("mixture", "--experts", scores, "--observed", scores,
            "--out", layout.mixture().toString(), "--model-dirs", grid))));
    steps.add(new DemoStep("scaling-dataset", "loss per (model, domain) joined with training metadata",
        List.of("train-grid", "score"), List.of(layout.scaling()), () -> List.of(List.of("scaling", "dataset", "--scores", scores,
            "--models", grid, "--out", layout.scaling().toString()))));
    steps.add(new DemoStep("scaling-fit", "fit " + String.join(", ", DemoLayout.LAWS) + " with bootstrap intervals",
        List.of("train-grid", "scaling-dataset"), List.of(layout.fits()), this::fitCommands));
    return steps;
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
   * The fits: Chinchilla and power law plus constant over the scaling runs, Kaplan's L(N) at the
   * largest token budget, and the LR-annealing law on the training curve of the largest run.
   */
  private List<List<String>> fitCommands() throws IOException {
    List<GridResult> scaling = gridRuns().stream().filter(r -> r.group().equals("scaling")).toList();
    if (scaling.isEmpty()) {
      throw new IOException(layout.grid().resolve("grid.json") + " has no run of group 'scaling'");
    }
    GridResult largest = scaling.stream().max(Comparator.comparingDouble(GridResult::flops)).orElseThrow();
    long budget = scaling.stream().mapToLong(GridResult::tokens).max().orElseThrow();
    Path training = layout.grid().resolve(largest.name()).resolve("training.json");
    int steps = TrainingMetadata.read(training).losses().length;
    String dataset = layout.scaling().resolve("dataset.csv").toString();
    List<String> scalingRuns = List.of("--where", "domain=*", "--match", "model=scaling-*");
    List<List<String>> lines = new ArrayList<>();
    lines.add(fit("chinchilla", dataset, scalingRuns, "--holdout-largest", "1"));
    lines.add(fit("power-plus-constant", dataset, scalingRuns, "--holdout-largest", "1"));
    lines.add(fit("kaplan-n", dataset, scalingRuns, "--where", "D=" + budget, "--n-col", "N_non_embedding",
        "--holdout-largest", "1"));
    lines.add(fit("lr-annealing", layout.scaling().resolve("curves.csv").toString(),
        List.of("--where", "model=" + largest.name()), "--holdout-largest", String.valueOf(Math.max(1, steps / 4))));
    return lines;
  }

  private List<String> fit(String law, String data, List<String> filter, String... options) {
    List<String> line = new ArrayList<>(List.of("scaling", "fit", "--data", data, "--law", law));
    line.addAll(filter);
    line.addAll(Arrays.asList(options));
    line.addAll(List.of("--bootstrap", String.valueOf(bootstrap), "--plots",
        layout.fits().resolve(law).toString()));
    return line;
  }

  /** The runs of DIR/grid/grid.json, in the grid's order. */
  public List<GridResult> gridRuns() throws IOException {
    return GridResult.readAll(layout.grid().resolve("grid.json"));
  }
}

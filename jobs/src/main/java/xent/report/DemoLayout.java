package xent.report;

import java.nio.file.Path;
import java.util.List;

/**
 * Where the demo's steps write, all under one folder DIR; the report reads the same places.
 *
 * <pre>
 * DIR/corpus/         corpora: the sample corpora (unless --corpus names one)
 * DIR/grid/           train-grid: the models, NAME/training.json, grid.json
 * DIR/scores/         score: every grid model on the validation split, with per-token log-probs
 * DIR/map/            map: the model map, neighbours and clusters
 * DIR/mixture/        mixture: estimates of mixture losses from the experts
 * DIR/scaling/        scaling-dataset: loss per (model, domain), training curves
 * DIR/scaling-fits/   scaling-fit: LAW/fit.json and plots, one folder per law
 * DIR/membership/     membership: MODEL/membership.json, .csv, ROC figure, one folder per expert
 * DIR/samples/        machine-text: machine and human continuations of held-out prompts
 * DIR/machine-text/   machine-text: machine.json, .csv and the ROC figure of the detectors
 * DIR/report.html     the report
 * DIR/_demo/          completion markers (STEP.json) and run.json
 * </pre>
 */
public record DemoLayout(Path out) {

  /** The scaling laws the grid's runs can identify: one folder each under {@link #fits()}. */
  public static final List<String> LAWS = List.of("chinchilla", "power-plus-constant", "kaplan-n", "kaplan-d",
      "lr-annealing");

  public Path corpus() {
    return out.resolve("corpus");
  }

  public Path grid() {
    return out.resolve("grid");
  }

  public Path scores() {
    return out.resolve("scores");
  }

  public Path map() {
    return out.resolve("map");
  }

  public Path mixture() {
    return out.resolve("mixture");
  }

  public Path scaling() {
    return out.resolve("scaling");
  }

  public Path fits() {
    return out.resolve("scaling-fits");
  }

  public Path membership() {
    return out.resolve("membership");
  }

  public Path samples() {
    return out.resolve("samples");
  }

  public Path machineText() {
    return out.resolve("machine-text");
  }

  public Path report() {
    return out.resolve("report.html");
  }

  public Path runRecord() {
    return out.resolve("_demo").resolve("run.json");
  }
}

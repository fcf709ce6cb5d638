package xent.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import xent.scaling.ScalingDataset;

/** {@code xent scaling dataset}: one row per (checkpoint, domain), on Spark. */
@Command(
    name = "dataset",
    mixinStandardHelpOptions = true,
    description = {"Loss per (checkpoint, domain) from score tables, joined with each checkpoint's "
        + "training.json: model, family, N, N_non_embedding, D, C, step, S1, S2, loss (nats/token), "
        + "bits_per_byte. Writes OUT/dataset and OUT/curves as Parquet and CSV."})
public final class DatasetCommand implements Callable<Integer>, Preflight {

  @Mixin ConfigFile.Option config;

  @Option(names = "--scores", required = true, paramLabel = "DIR",
      description = "Score tables: the score job's OUT or OUT/scores (model=M/split=K/ Parquet).")
  Path scores;

  @Option(names = "--models", required = true, paramLabel = "DIR",
      description = "Folder of checkpoint folders named as the models (e.g. a train-grid output), each with training.json.")
  Path models;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder.")
  Path out;

  @Override
  public void checkInputs() {
    InputCheck.folder(scores, "score tables (--scores)");
    InputCheck.folder(models, "model folders (--models)");
  }

  @Override
  public Integer call() throws Exception {
    checkInputs();
    Path table = scores.resolve("scores").toFile().isDirectory() ? scores.resolve("scores") : scores;
    try (JobSession session = JobSession.open("xent scaling dataset")) {
      int rows = ScalingDataset.run(session.spark(), table, models, out);
      System.out.println("xent scaling dataset: " + rows + " rows in " + out.resolve("dataset.csv")
          + " and " + out.resolve("dataset"));
    }
    return 0;
  }
}

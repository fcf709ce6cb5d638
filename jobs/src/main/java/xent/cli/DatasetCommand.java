package xent.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import xent.scaling.ScalingDataset;
import xent.scaling.ScalingMetadata;

/** {@code xent scaling dataset}: one row per (checkpoint, domain), on Spark. */
@Command(
    name = "dataset",
    mixinStandardHelpOptions = true,
    description = {"Loss per (checkpoint, domain) from score tables, joined with each checkpoint's "
        + "training.json or metadata-table row: model, family, N, N_non_embedding, D, C, step, S1, S2, "
        + "loss (nats/token), bits_per_byte, n_tokens, n_bytes, C_source. Writes OUT/dataset and "
        + "OUT/curves as Parquet and CSV."})
public final class DatasetCommand implements Callable<Integer>, Preflight {

  @Mixin ConfigFile.Option config;

  @Option(names = "--scores", required = true, paramLabel = "DIR",
      description = "Score tables: the score job's OUT or OUT/scores (model=M/split=K/ Parquet).")
  Path scores;

  @Option(names = "--models", required = true, paramLabel = "DIR_OR_TABLE",
      description = {"Folder of checkpoint folders named as the models (e.g. a train-grid output), each with"
          + " training.json; or a metadata table (CSV, or JSON lines as .jsonl) keyed by column model:"
          + " N, D (required), family, N_non_embedding, C (default 6 N_non_embedding D, else 6 N D,"
          + " said in C_source), step, lr, min_lr, warmup, schedule (cosine|wsd), total_steps,"
          + " decay_fraction (for S1, S2). Repeatable: the first that knows a model wins."})
  List<Path> models;

  @Option(names = "--allow-missing",
      description = "Leave out (and count) the models no --models source knows, instead of failing.")
  boolean allowMissing;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder.")
  Path out;

  @Override
  public void checkInputs() {
    InputCheck.folder(scores, "score tables (--scores)");
    for (Path source : models) {
      if (!Files.isDirectory(source)) {
        InputCheck.file(source, "metadata table (--models)");
      }
    }
  }

  @Override
  public Integer call() throws Exception {
    checkInputs();
    Path table = scores.resolve("scores").toFile().isDirectory() ? scores.resolve("scores") : scores;
    try (JobSession session = JobSession.open("xent scaling dataset")) {
      ScalingDataset.Written written =
          ScalingDataset.run(session.spark(), table, ScalingMetadata.of(models), allowMissing, out);
      System.out.println("xent scaling dataset: " + written.rows() + " rows in " + out.resolve("dataset.csv")
          + " and " + out.resolve("dataset")
          + (written.skipped().isEmpty() ? "" : "; left out " + written.skipped().size()
              + " model(s) without metadata: " + String.join(", ", written.skipped())));
    }
    return 0;
  }
}

package xent.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import xent.map.MapJob;
import xent.map.MapOptions;

/** {@code xent map}: the model map (Oyama et al., 2025) of a score table. */
@Command(
    name = "map",
    mixinStandardHelpOptions = true,
    description = {
        "Map models by their log-likelihood vectors over a text set: d_ij = |q_i - q_j|^2 / N estimates 2 KL.",
        "Writes map.csv, map.parquet, distances.csv, neighbors.csv, missing.csv and map.png/svg/html to OUT."})
public final class MapCommand implements Callable<Integer>, Preflight {

  @Mixin ConfigFile.Option config;

  @Option(names = "--scores", required = true, paramLabel = "DIR", description = "The score table (OUT/scores of xent score).")
  String scores;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder.")
  Path out;

  @Option(names = "--models", paramLabel = "GLOB", description = "Only models whose names match (default: all).")
  String models;

  @Option(names = "--clip", defaultValue = "0.02", paramLabel = "FRACTION",
      description = "Raise each model's lowest FRACTION of log-likelihoods to that quantile (default ${DEFAULT-VALUE}; 0: none).")
  double clip;

  @Option(names = "--dims", defaultValue = "2", description = "Principal coordinates per model (default ${DEFAULT-VALUE}).")
  int dims;

  @Option(names = "--method", defaultValue = "pca", description = "pca, tsne or both (default ${DEFAULT-VALUE}).")
  MapOptions.Method method;

  @Option(names = "--clusters", defaultValue = "5", paramLabel = "K", description = "k-means clusters (default ${DEFAULT-VALUE}; 0: none).")
  int clusters;

  @Option(names = "--neighbors", defaultValue = "5", paramLabel = "K", description = "Nearest models listed per model (default ${DEFAULT-VALUE}).")
  int neighbors;

  @Option(names = "--benchmarks", paramLabel = "CSV", description = "Benchmark scores: model,BENCH1,... for ridge regression.")
  Path benchmarks;

  @Option(names = "--model-dirs", paramLabel = "DIR", description = "Folder with NAME/training.json per model, for metadata columns.")
  Path modelDirs;

  @Option(names = "--metadata", paramLabel = "TABLE",
      description = "A table keyed by column model (CSV, or JSON lines as .jsonl; e.g. from xent models):"
          + " its columns join the map's, to colour and label by.")
  Path metadata;

  @Option(names = "--colour-by", defaultValue = "cluster", paramLabel = "COLUMN",
      description = "Column colouring the picture: cluster, family, domain, or any --metadata column"
          + " (default ${DEFAULT-VALUE}).")
  String colourBy;

  @Option(names = "--label-by", defaultValue = "model", paramLabel = "COLUMN",
      description = "Column labelling the points: model, family, N, step... (default ${DEFAULT-VALUE}).")
  String labelBy;

  @Option(names = "--seed", defaultValue = "42", description = "Seed of k-means and t-SNE (default ${DEFAULT-VALUE}).")
  long seed;

  @Override
  public void checkInputs() throws IOException {
    InputCheck.paths(scores, "score table (--scores)");
    InputCheck.file(benchmarks, "benchmarks file");
    InputCheck.folder(modelDirs, "--model-dirs folder");
    InputCheck.file(metadata, "metadata table (--metadata)");
  }

  @Override
  public Integer call() throws IOException {
    checkInputs();
    MapOptions options = new MapOptions(scores, out, models, clip, dims, method, clusters, neighbors, benchmarks,
        modelDirs, colourBy, seed, metadata, labelBy);
    try (JobSession session = JobSession.open("xent map")) {
      MapJob.run(session.spark(), options, System.err);
      return 0;
    }
  }
}

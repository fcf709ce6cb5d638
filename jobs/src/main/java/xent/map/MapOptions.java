package xent.map;

import java.nio.file.Path;

/**
 * What {@code xent map} is asked for.
 *
 * @param scores the score table folder (OUT/scores of xent score)
 * @param out output folder
 * @param modelGlob models whose names match (null: all)
 * @param clip fraction of each model's lowest log-likelihoods raised to that quantile (0: none)
 * @param dims principal coordinates written per model (at least 2)
 * @param method which 2-D picture: principal coordinates, t-SNE or both
 * @param clusters k of k-means (0: no clustering)
 * @param neighbors nearest models listed per model
 * @param benchmarks CSV of benchmark scores (model column first), or null
 * @param modelDirs folder holding NAME/training.json per model, or null
 * @param colourBy map column that colours the pictures (cluster, family, domain, ...)
 * @param seed for k-means and t-SNE
 * @param metadata a metadata table keyed by model (CSV or JSON lines, e.g. from xent models), or null
 * @param labelBy map column that labels the points (model, family, N, step, ...)
 */
public record MapOptions(String scores, Path out, String modelGlob, double clip, int dims, Method method,
    int clusters, int neighbors, Path benchmarks, Path modelDirs, String colourBy, long seed,
    Path metadata, String labelBy) {

  /** Options without a metadata table, points labelled by model. */
  public MapOptions(String scores, Path out, String modelGlob, double clip, int dims, Method method,
      int clusters, int neighbors, Path benchmarks, Path modelDirs, String colourBy, long seed) {
    this(scores, out, modelGlob, clip, dims, method, clusters, neighbors, benchmarks, modelDirs, colourBy,
        seed, null, "model");
  }

  /** The 2-D layout of the pictures. */
  public enum Method { PCA, TSNE, BOTH }

  public MapOptions {
    java.util.Objects.requireNonNull(labelBy, "labelBy");
    if (clip < 0 || clip >= 1) {
      throw new IllegalArgumentException("--clip must be in [0, 1), got " + clip);
    }
    if (dims < 2) {
      throw new IllegalArgumentException("--dims must be at least 2, got " + dims);
    }
    if (clusters < 0 || neighbors < 0) {
      throw new IllegalArgumentException("--clusters and --neighbors cannot be negative");
    }
  }
}

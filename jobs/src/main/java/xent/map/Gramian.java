package xent.map;

import java.util.List;

/**
 * The m x m Gramian G = Q^T Q of the double-centred log-likelihood matrix: {@code g[i][j]} is the
 * inner product of models i and j over the {@code texts} texts. Everything the map needs (distances,
 * classical MDS, kernel ridge) is a function of G; the texts never come to the driver.
 */
public record Gramian(List<String> models, long texts, double[][] g) {

  public Gramian {
    models = List.copyOf(models);
    if (g.length != models.size()) {
      throw new IllegalArgumentException("Gramian has " + g.length + " rows for " + models.size() + " models");
    }
    if (texts < 1) {
      throw new IllegalArgumentException("a Gramian needs at least one text, got " + texts);
    }
  }

  public int size() {
    return models.size();
  }

  /** d_ij = ||q_i - q_j||^2 / N, Oyama et al.'s estimate of 2 KL(p_i || p_j). */
  public ModelDistances distances() {
    int m = size();
    double[][] d = new double[m][m];
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < m; j++) {
        // Rounding can leave -1e-12 where the models agree: a squared distance is never negative.
        d[i][j] = i == j ? 0 : Math.max(0, (g[i][i] + g[j][j] - 2 * g[i][j]) / texts);
      }
    }
    return new ModelDistances(models, d);
  }

  /**
   * Classical MDS, which is PCA of the models' rows of Q: coordinates {@code x[i][c] = v_ic
   * sqrt(lambda_c)} from the eigenvectors of G / N, so that squared distances between the full
   * coordinates are the d_ij. Columns beyond the rank of G are zero.
   */
  public MdsCoordinates principalCoordinates(int dims) {
    int m = size();
    double[][] scaled = new double[m][m];
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < m; j++) {
        scaled[i][j] = g[i][j] / texts;
      }
    }
    SymmetricEigen eigen = SymmetricEigen.of(scaled);
    double total = 0;
    for (double v : eigen.values()) {
      total += Math.max(0, v);
    }
    double[][] x = new double[m][dims];
    double[] explained = new double[dims];
    for (int c = 0; c < Math.min(dims, m); c++) {
      double lambda = Math.max(0, eigen.values()[c]);
      explained[c] = total == 0 ? 0 : lambda / total;
      for (int i = 0; i < m; i++) {
        x[i][c] = eigen.vectors()[i][c] * Math.sqrt(lambda);
      }
    }
    return new MdsCoordinates(models, x, explained);
  }
}

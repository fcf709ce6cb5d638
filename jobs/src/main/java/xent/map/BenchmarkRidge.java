package xent.map;

import java.util.ArrayList;
import java.util.List;
import xent.statistics.Correlations;

/**
 * Ridge regression from model features to one benchmark score, with leave-one-out predictions,
 * written in its kernel form so that the features may be Q itself (kernel G / N, m x m) or the
 * map coordinates (kernel X X^T). An unpenalised intercept: the kernel is centred over the models
 * that have the score, and the hat matrix is 11^T / m + K (K + lambda I)^{-1}, whose diagonal
 * gives exact leave-one-out residuals e_i / (1 - H_ii). Lambda is chosen on a grid by
 * leave-one-out error.
 */
public final class BenchmarkRidge {

  /** Leave-one-out predictions for the models that have the score, and how well they did. */
  public record Fit(String benchmark, String features, double lambda, List<String> models, double[] actual,
      double[] predicted, double pearson, double rmse) {}

  private BenchmarkRidge() {}

  /**
   * @param kernel m x m inner products of the models' features (all models of the map)
   * @param scores per model the benchmark score, NaN where unknown
   */
  public static Fit fit(String benchmark, String features, List<String> models, double[][] kernel, double[] scores) {
    List<Integer> known = new ArrayList<>();
    for (int i = 0; i < scores.length; i++) {
      if (!Double.isNaN(scores[i])) {
        known.add(i);
      }
    }
    int n = known.size();
    if (n < 3) {
      throw new IllegalArgumentException("benchmark " + benchmark + " has scores for " + n + " models of the map; ridge needs 3");
    }
    double[][] k = new double[n][n];
    double[] y = new double[n];
    for (int a = 0; a < n; a++) {
      y[a] = scores[known.get(a)];
      for (int b = 0; b < n; b++) {
        k[a][b] = kernel[known.get(a)][known.get(b)];
      }
    }
    centre(k);
    double mean = java.util.Arrays.stream(y).average().orElseThrow();
    SymmetricEigen eigen = SymmetricEigen.of(k);
    double trace = 0;
    for (int a = 0; a < n; a++) {
      trace += k[a][a];
    }
    double scale = Math.max(trace / n, 1e-12);
    double best = Double.POSITIVE_INFINITY;
    double[] bestPredicted = null;
    double bestLambda = 0;
    for (double factor = 1e-4; factor <= 1e4 * 1.0001; factor *= Math.sqrt(10)) {
      double lambda = factor * scale;
      double[] predicted = leaveOneOut(eigen, y, mean, lambda);
      double error = 0;
      for (int a = 0; a < n; a++) {
        error += (predicted[a] - y[a]) * (predicted[a] - y[a]);
      }
      if (error < best) {
        best = error;
        bestPredicted = predicted;
        bestLambda = lambda;
      }
    }
    List<String> names = known.stream().map(models::get).toList();
    return new Fit(benchmark, features, bestLambda, names, y, bestPredicted, Correlations.pearson(y, bestPredicted), Math.sqrt(best / n));
  }

  private static double[] leaveOneOut(SymmetricEigen eigen, double[] y, double mean, double lambda) {
    int n = y.length;
    double[] shrink = new double[n];
    for (int c = 0; c < n; c++) {
      double e = Math.max(0, eigen.values()[c]);
      shrink[c] = e / (e + lambda);
    }
    double[][] u = eigen.vectors();
    // Fitted values: mean + U diag(shrink) U^T (y - mean); hat diagonal: 1/n + sum_c u_ic^2 shrink_c.
    double[] projected = new double[n];
    for (int c = 0; c < n; c++) {
      for (int a = 0; a < n; a++) {
        projected[c] += u[a][c] * (y[a] - mean);
      }
    }
    double[] out = new double[n];
    for (int a = 0; a < n; a++) {
      double fitted = mean;
      double h = 1.0 / n;
      for (int c = 0; c < n; c++) {
        fitted += u[a][c] * shrink[c] * projected[c];
        h += u[a][c] * u[a][c] * shrink[c];
      }
      double residual = (y[a] - fitted) / (1 - Math.min(h, 1 - 1e-9));
      out[a] = y[a] - residual;
    }
    return out;
  }

  private static void centre(double[][] k) {
    int n = k.length;
    double[] rowMean = new double[n];
    double grand = 0;
    for (int a = 0; a < n; a++) {
      for (int b = 0; b < n; b++) {
        rowMean[a] += k[a][b] / n;
      }
      grand += rowMean[a] / n;
    }
    for (int a = 0; a < n; a++) {
      for (int b = 0; b < n; b++) {
        k[a][b] = k[a][b] - rowMean[a] - rowMean[b] + grand;
      }
    }
  }
}

package xent.map;

import java.util.Random;

/**
 * Exact t-SNE (van der Maaten and Hinton, 2008) on the m x m model distances, for m up to a few
 * thousand: O(m^2) per iteration, no Barnes-Hut tree. Written here because no maintained Java
 * t-SNE is under a licence the project can ship (SMILE's is GPL), and the map's m is small.
 *
 * <p>Input affinities use the d_ij as squared distances (they are ||q_i - q_j||^2 / N), each row's
 * Gaussian bandwidth found by bisection to the given perplexity. Start: the first two principal
 * coordinates scaled to standard deviation 1e-4, plus seeded jitter so that ties separate; 250
 * iterations of early exaggeration (12) with momentum 0.5, then momentum 0.8, learning rate
 * max(m / 12, 200) (openTSNE's choice), gains as in the reference implementation.
 */
public final class Tsne {

  private final double perplexity;
  private final int iterations;
  private final long seed;

  public Tsne(double perplexity, int iterations, long seed) {
    if (perplexity <= 0) {
      throw new IllegalArgumentException("t-SNE perplexity must be positive, got " + perplexity);
    }
    this.perplexity = perplexity;
    this.iterations = iterations;
    this.seed = seed;
  }

  /** The perplexity used when none is given: 30, or less for few models (at most (m - 1) / 3). */
  public static double defaultPerplexity(int m) {
    return Math.max(1.0, Math.min(30.0, (m - 1) / 3.0));
  }

  /** Two-dimensional coordinates, one row per model, starting from {@code start} (m x 2). */
  public double[][] embed(double[][] squaredDistances, double[][] start) {
    int m = squaredDistances.length;
    double[][] p = jointAffinities(squaredDistances);
    double[][] y = initial(start, m);
    double[][] velocity = new double[m][2];
    double[][] gains = new double[m][2];
    for (double[] g : gains) {
      java.util.Arrays.fill(g, 1);
    }
    double rate = Math.max(m / 12.0, 200);
    double[][] q = new double[m][m];
    for (int it = 0; it < iterations; it++) {
      double exaggeration = it < 250 ? 12 : 1;
      double momentum = it < 250 ? 0.5 : 0.8;
      // Student-t kernel 1 / (1 + |y_i - y_j|^2), normalised over all pairs.
      double z = 0;
      for (int i = 0; i < m; i++) {
        for (int j = i + 1; j < m; j++) {
          double dx = y[i][0] - y[j][0];
          double dy = y[i][1] - y[j][1];
          double k = 1 / (1 + dx * dx + dy * dy);
          q[i][j] = k;
          q[j][i] = k;
          z += 2 * k;
        }
      }
      for (int i = 0; i < m; i++) {
        double gx = 0;
        double gy = 0;
        for (int j = 0; j < m; j++) {
          if (i != j) {
            double w = (exaggeration * p[i][j] - q[i][j] / z) * q[i][j];
            gx += 4 * w * (y[i][0] - y[j][0]);
            gy += 4 * w * (y[i][1] - y[j][1]);
          }
        }
        double[] grad = {gx, gy};
        for (int c = 0; c < 2; c++) {
          boolean sameSign = Math.signum(grad[c]) == Math.signum(velocity[i][c]);
          gains[i][c] = Math.max(0.01, sameSign ? gains[i][c] * 0.8 : gains[i][c] + 0.2);
          velocity[i][c] = momentum * velocity[i][c] - rate * gains[i][c] * grad[c];
        }
      }
      double[] mean = new double[2];
      for (int i = 0; i < m; i++) {
        for (int c = 0; c < 2; c++) {
          y[i][c] += velocity[i][c];
          mean[c] += y[i][c] / m;
        }
      }
      for (double[] row : y) {
        row[0] -= mean[0];
        row[1] -= mean[1];
      }
    }
    return y;
  }

  private double[][] initial(double[][] start, int m) {
    Random random = new Random(seed);
    double[][] y = new double[m][2];
    double sd = 0;
    for (int i = 0; i < m; i++) {
      sd += start[i][0] * start[i][0];
    }
    sd = Math.sqrt(sd / m);
    double scale = sd == 0 ? 0 : 1e-4 / sd;
    for (int i = 0; i < m; i++) {
      for (int c = 0; c < 2; c++) {
        y[i][c] = start[i][c] * scale + 1e-6 * random.nextGaussian();
      }
    }
    return y;
  }

  /** Symmetric P: each row's conditional Gaussian at the target perplexity, then (P + P^T) / 2m. */
  private double[][] jointAffinities(double[][] d) {
    int m = d.length;
    double target = Math.log(perplexity);
    double[][] p = new double[m][m];
    for (int i = 0; i < m; i++) {
      double lo = 0;
      double hi = Double.POSITIVE_INFINITY;
      double beta = 1 / Math.max(1e-12, meanOffDiagonal(d[i], i));
      for (int step = 0; step < 100; step++) {
        double sum = 0;
        double weighted = 0;
        double min = Double.POSITIVE_INFINITY;
        for (int j = 0; j < m; j++) {
          if (j != i) {
            min = Math.min(min, d[i][j]);
          }
        }
        for (int j = 0; j < m; j++) {
          // Shifted by the nearest distance: the same conditional, without underflow.
          p[i][j] = j == i ? 0 : Math.exp(-beta * (d[i][j] - min));
          sum += p[i][j];
          weighted += p[i][j] * (d[i][j] - min);
        }
        double entropy = Math.log(sum) + beta * weighted / sum;
        for (int j = 0; j < m; j++) {
          p[i][j] /= sum;
        }
        if (Math.abs(entropy - target) < 1e-5) {
          break;
        }
        if (entropy > target) {
          lo = beta;
          beta = hi == Double.POSITIVE_INFINITY ? beta * 2 : (beta + hi) / 2;
        } else {
          hi = beta;
          beta = (beta + lo) / 2;
        }
      }
    }
    double[][] joint = new double[m][m];
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < m; j++) {
        joint[i][j] = Math.max((p[i][j] + p[j][i]) / (2 * m), 1e-12);
      }
    }
    return joint;
  }

  private static double meanOffDiagonal(double[] row, int self) {
    double s = 0;
    for (int j = 0; j < row.length; j++) {
      s += j == self ? 0 : row[j];
    }
    return s / Math.max(1, row.length - 1);
  }
}

package xent.mixture;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import xent.sampling.Dirichlet;

/**
 * Random search over mixtures: the K vertices, the uniform mixture and {@code samples} draws from
 * Dirichlet(1, ..., 1) (uniform on the simplex), all scored in one batch.
 */
public record DirichletSearch(int samples, long seed) {

  public DirichletSearch {
    if (samples < 0) {
      throw new IllegalArgumentException("Dirichlet search: samples must be >= 0, got " + samples);
    }
  }

  /** The candidates: vertices first, then the uniform mixture, then the draws. */
  public double[][] candidates(int k) {
    List<double[]> all = new ArrayList<>();
    for (int i = 0; i < k; i++) {
      all.add(Simplex.vertex(k, i));
    }
    all.add(Simplex.uniform(k));
    Random random = new Random(seed);
    Dirichlet uniform = new Dirichlet(1);
    for (int s = 0; s < samples; s++) {
      all.add(uniform.sample(k, random));
    }
    return all.toArray(double[][]::new);
  }

  /** The candidate of least objective; {@code batch} maps the candidates to their values. */
  public SimplexMinimum minimize(int k, Function<double[][], double[]> batch) {
    double[][] candidates = candidates(k);
    double[] values = batch.apply(candidates);
    return best(candidates, values);
  }

  static SimplexMinimum best(double[][] candidates, double[] values) {
    int best = -1;
    for (int c = 0; c < candidates.length; c++) {
      if (!Double.isNaN(values[c]) && (best < 0 || values[c] < values[best])) {
        best = c;
      }
    }
    if (best < 0) {
      throw new IllegalArgumentException("Dirichlet search: every candidate's objective is NaN");
    }
    return new SimplexMinimum(candidates[best], values[best], candidates.length, true);
  }
}

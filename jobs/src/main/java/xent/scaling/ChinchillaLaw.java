package xent.scaling;

import java.util.ArrayList;
import java.util.List;

/**
 * Hoffmann et al. (2022), approach 3: L(N, D) = E + A / N^alpha + B / D^beta, fitted as
 * log L = LSE(a - alpha log N, b - beta log D, e) with A = exp(a), B = exp(b), E = exp(e).
 * theta = (a, b, e, alpha, beta).
 */
public final class ChinchillaLaw implements ScalingLaw {

  @Override
  public String name() {
    return "chinchilla";
  }

  @Override
  public List<String> parameterNames() {
    return List.of("E", "A", "B", "alpha", "beta");
  }

  @Override
  public double logLoss(double[] theta, ScalingPoint p, double[] gradient) {
    double t1 = theta[0] - theta[3] * Math.log(p.n());
    double t2 = theta[1] - theta[4] * Math.log(p.d());
    double t3 = theta[2];
    double max = Math.max(t1, Math.max(t2, t3));
    double w1 = Math.exp(t1 - max);
    double w2 = Math.exp(t2 - max);
    double w3 = Math.exp(t3 - max);
    double sum = w1 + w2 + w3;
    // d LSE / d t_k is the softmax weight of t_k.
    gradient[0] = w1 / sum;
    gradient[1] = w2 / sum;
    gradient[2] = w3 / sum;
    gradient[3] = -gradient[0] * Math.log(p.n());
    gradient[4] = -gradient[1] * Math.log(p.d());
    return max + Math.log(sum);
  }

  /** The grid of Hoffmann et al.: alpha, beta in {0, 0.5, ..., 2}, e in {-1, ..., 1}, a, b in {0, 5, ..., 25}. */
  @Override
  public List<double[]> starts(List<ScalingPoint> points) {
    List<double[]> grid = new ArrayList<>(4500);
    for (double alpha = 0; alpha <= 2; alpha += 0.5) {
      for (double beta = 0; beta <= 2; beta += 0.5) {
        for (double e = -1; e <= 1; e += 0.5) {
          for (double a = 0; a <= 25; a += 5) {
            for (double b = 0; b <= 25; b += 5) {
              grid.add(new double[] {a, b, e, alpha, beta});
            }
          }
        }
      }
    }
    return grid;
  }

  @Override
  public double[] parameters(double[] theta) {
    return new double[] {Math.exp(theta[2]), Math.exp(theta[0]), Math.exp(theta[1]), theta[3], theta[4]};
  }
}

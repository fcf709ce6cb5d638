package xent.mixture;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import xent.optimize.Lbfgs;
import xent.optimize.Minimum;

/**
 * The Data Mixing Law (Ye et al., 2024) per validation domain, L_j(w) = c_j + k_j exp(sum_i t_ji w_i),
 * fitted by least squares with L-BFGS from several seeded starts (the problem is not convex).
 *
 * <p>Since the weights sum to one, only c, the differences of the t_i and k exp(t_K) are
 * identifiable: adding s to every t_i and dividing k by e^s leaves every prediction unchanged.
 *
 * <p>c and k are fitted as their logarithms, so both stay positive as the law means them (an
 * irreducible loss and a scale). Unconstrained, a leave-one-out fit of K + 2 parameters to about
 * as many mixtures found negative c with large k and predicted losses of -148 nats/token.
 */
record DataMixingLaw(long seed, int starts) implements LossRegression {

  /** Tighter than SciPy's defaults: noise-free synthetic data must come back to many digits. */
  private static final Lbfgs LBFGS = new Lbfgs(10, 5_000, 1e-12, 1e-15);

  DataMixingLaw {
    if (starts < 1) {
      throw new IllegalArgumentException("mixing law: starts must be >= 1, got " + starts);
    }
  }

  @Override
  public String name() {
    return "mixing-law";
  }

  /** The law of one domain. */
  record Law(double c, double k, double[] t, double sse) {

    double predict(double[] w) {
      double z = 0;
      for (int i = 0; i < t.length; i++) {
        z += t[i] * w[i];
      }
      return c + k * Math.exp(z);
    }
  }

  @Override
  public Fitted fit(Observations observations) {
    int d = observations.loss()[0].length;
    List<Law> laws = new ArrayList<>();
    for (int j = 0; j < d; j++) {
      laws.add(fitDomain(observations.w(), observations.loss(j)));
    }
    return (w, mde) -> laws.stream().mapToDouble(law -> law.predict(w)).toArray();
  }

  /** Least squares of the law to losses observed at mixtures w. */
  Law fitDomain(double[][] w, double[] loss) {
    int k = w[0].length;
    int n = w.length;
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (double l : loss) {
      lo = Math.min(lo, l);
      hi = Math.max(hi, l);
    }
    double spread = Math.max(hi - lo, 1e-3);
    Random random = new Random(seed);
    Law best = null;
    for (int s = 0; s < starts; s++) {
      double[] x = new double[k + 2];
      for (int i = 0; i < k; i++) {
        x[2 + i] = s == 0 ? 0 : random.nextGaussian();
      }
      double c = Math.max(lo - spread * (s == 0 ? 0.5 : 0.1 + 2 * random.nextDouble()), 1e-3 * lo);
      x[0] = Math.log(c);
      // k by least squares given c and t.
      double num = 0;
      double den = 0;
      for (int a = 0; a < n; a++) {
        double e = Math.exp(dot(x, w[a]));
        num += (loss[a] - c) * e;
        den += e * e;
      }
      x[1] = Math.log(Math.max(num / den, 1e-6));
      Minimum m = LBFGS.minimize((p, g) -> sse(p, w, loss, g), x);
      double[] p = m.x();
      Law law = new Law(Math.exp(p[0]), Math.exp(p[1]), java.util.Arrays.copyOfRange(p, 2, p.length), m.value());
      if (Double.isFinite(m.value()) && (best == null || m.value() < best.sse())) {
        best = law;
      }
    }
    return best;
  }

  /** Half the mean squared error, and its gradient in (log c, log k, t). */
  private static double sse(double[] p, double[][] w, double[] loss, double[] g) {
    java.util.Arrays.fill(g, 0);
    double f = 0;
    int n = w.length;
    double c = Math.exp(p[0]);
    for (int a = 0; a < n; a++) {
      double ke = Math.exp(p[1] + dot(p, w[a]));
      double r = c + ke - loss[a];
      f += r * r / (2 * n);
      g[0] += r * c / n;
      g[1] += r * ke / n;
      for (int i = 0; i < w[a].length; i++) {
        g[2 + i] += r * ke * w[a][i] / n;
      }
    }
    return f;
  }

  /** sum_i t_i w_i with t = p[2..]. */
  private static double dot(double[] p, double[] w) {
    double z = 0;
    for (int i = 0; i < w.length; i++) {
      z += p[2 + i] * w[i];
    }
    return z;
  }
}

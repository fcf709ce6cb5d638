package xent.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.apache.commons.math3.complex.Complex;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import xent.Tolerance;

/** FACE's spectrum and similarities against float64 done the slow, obvious way. */
@Tag("fast")
class FaceTest {

  /** X_k = sum_t x_t e^(-2 pi i t k / n), O(n^2). */
  private static double[][] naiveDft(double[] x) {
    int n = x.length;
    double[][] out = new double[n][2];
    for (int k = 0; k < n; k++) {
      for (int t = 0; t < n; t++) {
        double angle = -2 * Math.PI * ((long) t * k % n) / n;
        out[k][0] += x[t] * Math.cos(angle);
        out[k][1] += x[t] * Math.sin(angle);
      }
    }
    return out;
  }

  private static float[] series(int n, long seed) {
    Random random = new Random(seed);
    float[] l = new float[n];
    for (int t = 0; t < n; t++) {
      l[t] = (float) (-3 + random.nextGaussian());
    }
    return l;
  }

  /** numpy's linspace(0, 0.5, points) through scipy's interp1d(fill_value="extrapolate"). */
  private static double[] interpolate(double[] freq, double[] value, int points) {
    double[] out = new double[points];
    for (int i = 0; i < points; i++) {
      double x = 0.5 * i / (points - 1);
      int j = 0;
      while (j < freq.length - 2 && x > freq[j + 1]) {
        j++;
      }
      double slope = (value[j + 1] - value[j]) / (freq[j + 1] - freq[j]);
      out[i] = value[j] + slope * (x - freq[j]);
    }
    return out;
  }

  private static double[] reference(float[] l, boolean norm) {
    int n = l.length;
    double[] x = new double[n];
    for (int t = 0; t < n; t++) {
      x[t] = -l[t];
    }
    double[][] dft = naiveDft(x);
    int kept = (n + 1) / 2; // fftshift(fftfreq(n))[n // 2:] = k / n, k = 0 .. ceil(n / 2) - 1
    double[] freq = new double[kept];
    double[] value = new double[kept];
    for (int k = 0; k < kept; k++) {
      freq[k] = (double) k / n;
      value[k] = norm ? Math.hypot(dft[k][0], dft[k][1]) : dft[k][0];
    }
    return interpolate(freq, value, 1000);
  }

  @Test
  void dftOfAnyLengthEqualsTheNaiveSum() {
    for (int n : new int[] {3, 7, 64, 100, 257}) {
      double[] x = new double[n];
      Random random = new Random(n);
      for (int t = 0; t < n; t++) {
        x[t] = 3 + random.nextGaussian();
      }
      Complex[] fast = FaceSpectrum.dft(x);
      double[][] slow = naiveDft(x);
      double magnitude = Arrays.stream(x).map(Math::abs).sum();
      for (int k = 0; k < n; k++) {
        assertEquals(slow[k][0], fast[k].getReal(), Tolerance.doubleSum(magnitude), "n " + n + " k " + k);
        assertEquals(slow[k][1], fast[k].getImaginary(), Tolerance.doubleSum(magnitude), "n " + n + " k " + k);
      }
    }
  }

  @Test
  void spectrumEqualsFloat64OfNormAndRealPart() {
    for (int n : new int[] {3, 4, 50, 51, 128}) {
      float[] l = series(n, n);
      double scale = 3.5 * n; // sum |x_t|: bounds every coefficient
      double[] norm = FaceSpectrum.DEFAULT.of(l);
      double[] real = new FaceSpectrum(FaceSpectrum.Value.REAL, 1000).of(l);
      double[] wantNorm = reference(l, true);
      double[] wantReal = reference(l, false);
      for (int i = 0; i < 1000; i++) {
        assertEquals(wantNorm[i], norm[i], Tolerance.doubleSum(scale) * 4, "n " + n + " point " + i);
        assertEquals(wantReal[i], real[i], Tolerance.doubleSum(scale) * 4, "n " + n + " point " + i);
      }
    }
  }

  /** Average ranks of ties, as scipy.stats.rankdata. */
  private static double[] ranks(double[] x) {
    double[] r = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      int below = 0;
      int equal = 0;
      for (double v : x) {
        below += v < x[i] ? 1 : 0;
        equal += v == x[i] ? 1 : 0;
      }
      r[i] = below + (equal + 1) / 2.0;
    }
    return r;
  }

  private static double pearson(double[] a, double[] b) {
    double ma = Arrays.stream(a).average().orElseThrow();
    double mb = Arrays.stream(b).average().orElseThrow();
    double ab = 0;
    double aa = 0;
    double bb = 0;
    for (int i = 0; i < a.length; i++) {
      ab += (a[i] - ma) * (b[i] - mb);
      aa += (a[i] - ma) * (a[i] - ma);
      bb += (b[i] - mb) * (b[i] - mb);
    }
    return ab / Math.sqrt(aa * bb);
  }

  @Test
  void similaritiesEqualFloat64OfFacePy() {
    double[] s1 = FaceSpectrum.DEFAULT.of(series(80, 1));
    double[] s2 = FaceSpectrum.DEFAULT.of(series(61, 2));
    double step = 0.5 / 999;
    double floor = 0;
    double roof = 0;
    for (int i = 1; i < 1000; i++) { // np.trapz over linspace(0, 0.5, 1000)
      floor += step / 2 * (Math.min(Math.abs(s1[i - 1]), Math.abs(s2[i - 1])) + Math.min(Math.abs(s1[i]), Math.abs(s2[i])));
      roof += step / 2 * (Math.max(Math.abs(s1[i - 1]), Math.abs(s2[i - 1])) + Math.max(Math.abs(s1[i]), Math.abs(s2[i])));
    }
    double dot = 0;
    for (int i = 0; i < 1000; i++) {
      dot += s1[i] / norm(s1) * s2[i] / norm(s2);
    }
    FaceSimilarity s = FaceSimilarity.of(s1, s2);
    assertEquals(floor / roof, s.spectralOverlap(), Tolerance.DOUBLE_SUM);
    assertEquals(pearson(s1, s2), s.pearson(), Tolerance.DOUBLE_SUM);
    assertEquals(pearson(ranks(s1), ranks(s2)), s.spearman(), Tolerance.DOUBLE_SUM);
    assertEquals(Math.acos(dot) / Math.PI, s.spectralAngle(), 1e-9); // acos near 1 amplifies rounding
    FaceSimilarity self = FaceSimilarity.of(s1, s1);
    assertEquals(1.0, self.spectralOverlap(), 0);
    assertEquals(1.0, self.pearson(), Tolerance.DOUBLE_SUM);
    FaceSimilarity sets = FaceSimilarity.ofSets(List.of(s1, s2, s1), List.of(s2, s1));
    assertEquals(s.spectralOverlap(), sets.spectralOverlap(), Tolerance.DOUBLE_SUM);
  }

  private static double norm(double[] x) {
    return Math.sqrt(Arrays.stream(x).map(v -> v * v).sum());
  }
}

package xent.detect;

import java.io.Serializable;
import org.apache.commons.math3.complex.Complex;
import org.apache.commons.math3.transform.DftNormalization;
import org.apache.commons.math3.transform.FastFourierTransformer;
import org.apache.commons.math3.transform.TransformType;

/**
 * FACE's spectrum of a text (Yang et al. 2023, "FACE: Evaluating Natural Language Generation with
 * Fourier Analysis of Cross-Entropy"; CLCS-SUSTech/FACE run_fft.py, face.py): the discrete Fourier
 * transform of the text's negative log-likelihood series -l_t, at the frequencies k/T of
 * fftshift(fftfreq(T)) in [0, 0.5), linearly interpolated (and extrapolated past the last
 * frequency, as scipy's interp1d with fill_value="extrapolate") to {@code points} frequencies
 * evenly spaced on [0, 0.5]. No normalisation of the series (run_fft.py's --norm off).
 *
 * <p>Which value of the complex coefficient: ../shared/METRICS.md says the norm |X_k|; the stored
 * run_fft.py (commit 0782bc0) takes the real part. {@link Value} offers both; the norm is the
 * default.
 *
 * @param value which real number of each coefficient the spectrum holds
 * @param points frequencies on [0, 0.5], at least 2; 1000 by default
 */
public record FaceSpectrum(Value value, int points) implements Serializable {

  /** The number kept of each Fourier coefficient. */
  public enum Value {
    /** |X_k|. */
    NORM,
    /** Re X_k, as run_fft.py. */
    REAL
  }

  public static final FaceSpectrum DEFAULT = new FaceSpectrum(Value.NORM, 1000);

  public FaceSpectrum {
    if (points < 2) {
      throw new IllegalArgumentException("FACE needs at least 2 interpolation points, found " + points);
    }
  }

  /**
   * The interpolated spectrum of one text.
   *
   * @throws IllegalArgumentException for fewer than 3 tokens: the frequencies [0, 0.5) then hold
   *     one coefficient, too few to interpolate
   */
  public double[] of(float[] logprob) {
    int n = logprob.length;
    if (n < 3) {
      throw new IllegalArgumentException("FACE needs at least 3 scored tokens for a spectrum, found " + n);
    }
    double[] nll = new double[n];
    for (int t = 0; t < n; t++) {
      nll[t] = -logprob[t];
    }
    Complex[] x = dft(nll);
    int kept = (n - 1) / 2 + 1; // frequencies k / n in [0, 0.5)
    double[] power = new double[kept];
    for (int k = 0; k < kept; k++) {
      power[k] = value == Value.NORM ? x[k].abs() : x[k].getReal();
    }
    double[] out = new double[points];
    for (int i = 0; i < points; i++) {
      double f = 0.5 * i / (points - 1);
      // the segment [j, j + 1] of the samples at k / n that holds f, the last one past the end
      int j = Math.min((int) Math.floor(f * n), kept - 2);
      double f0 = (double) j / n;
      out[i] = power[j] + (power[j + 1] - power[j]) * (f - f0) * n;
    }
    return out;
  }

  /**
   * The discrete Fourier transform X_k = sum_t x_t e^(-2 pi i t k / n) of any length, as numpy's
   * fft: commons-math3's FFT takes powers of two only, so other lengths go through Bluestein's
   * chirp-z identity t k = (t^2 + k^2 - (k - t)^2) / 2, a convolution of power-of-two length.
   */
  static Complex[] dft(double[] x) {
    int n = x.length;
    FastFourierTransformer fft = new FastFourierTransformer(DftNormalization.STANDARD);
    if (Integer.bitCount(n) == 1) {
      return fft.transform(x, TransformType.FORWARD);
    }
    int m = Integer.highestOneBit(2 * n - 1) << 1;
    Complex[] chirp = new Complex[n]; // e^(-i pi t^2 / n)
    for (int t = 0; t < n; t++) {
      double angle = Math.PI * ((long) t * t % (2L * n)) / n; // t^2 mod 2n keeps the angle exact
      chirp[t] = new Complex(Math.cos(angle), -Math.sin(angle));
    }
    Complex[] a = new Complex[m];
    Complex[] b = new Complex[m];
    for (int i = 0; i < m; i++) {
      a[i] = Complex.ZERO;
      b[i] = Complex.ZERO;
    }
    for (int t = 0; t < n; t++) {
      a[t] = chirp[t].multiply(x[t]);
      b[t] = chirp[t].conjugate();
      if (t > 0) {
        b[m - t] = chirp[t].conjugate();
      }
    }
    Complex[] fa = fft.transform(a, TransformType.FORWARD);
    Complex[] fb = fft.transform(b, TransformType.FORWARD);
    Complex[] product = new Complex[m];
    for (int i = 0; i < m; i++) {
      product[i] = fa[i].multiply(fb[i]);
    }
    Complex[] conv = fft.transform(product, TransformType.INVERSE);
    Complex[] out = new Complex[n];
    for (int k = 0; k < n; k++) {
      out[k] = chirp[k].multiply(conv[k]);
    }
    return out;
  }
}

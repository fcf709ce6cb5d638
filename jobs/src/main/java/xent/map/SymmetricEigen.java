package xent.map;

import dev.ludovic.netlib.lapack.LAPACK;
import org.netlib.util.intW;

/**
 * Eigenvalues and eigenvectors of a small symmetric matrix (m x m, m up to a few thousand), on
 * the driver, by LAPACK's dsyev (Spark MLlib's netlib: native when installed, pure Java otherwise).
 *
 * @param values eigenvalues, largest first
 * @param vectors {@code vectors[i][c]}: component i of the eigenvector of {@code values[c]}; each
 *     vector's largest-magnitude component is positive, so results do not flip between runs
 */
public record SymmetricEigen(double[] values, double[][] vectors) {

  /** Decomposes {@code a} (read only; must be square and symmetric). */
  public static SymmetricEigen of(double[][] a) {
    int n = a.length;
    double[] packed = new double[n * n];
    for (int i = 0; i < n; i++) {
      if (a[i].length != n) {
        throw new IllegalArgumentException("matrix row " + i + " has " + a[i].length + " entries, not " + n);
      }
      for (int j = 0; j < n; j++) {
        packed[i + j * n] = a[i][j];
      }
    }
    double[] w = new double[n];
    intW info = new intW(0);
    double[] query = new double[1];
    LAPACK lapack = LAPACK.getInstance();
    lapack.dsyev("V", "U", n, packed, Math.max(1, n), w, query, -1, info);
    double[] work = new double[Math.max(1, (int) query[0])];
    lapack.dsyev("V", "U", n, packed, Math.max(1, n), w, work, work.length, info);
    if (info.val != 0) {
      throw new IllegalStateException("dsyev failed on a " + n + " x " + n + " matrix: info " + info.val);
    }
    // dsyev sorts ascending; reverse to largest first.
    double[] values = new double[n];
    double[][] vectors = new double[n][n];
    for (int c = 0; c < n; c++) {
      int from = n - 1 - c;
      values[c] = w[from];
      int biggest = 0;
      for (int i = 0; i < n; i++) {
        if (Math.abs(packed[i + from * n]) > Math.abs(packed[biggest + from * n])) {
          biggest = i;
        }
      }
      double sign = packed[biggest + from * n] < 0 ? -1 : 1;
      for (int i = 0; i < n; i++) {
        vectors[i][c] = sign * packed[i + from * n];
      }
    }
    return new SymmetricEigen(values, vectors);
  }
}

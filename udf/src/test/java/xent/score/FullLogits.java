package xent.score;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import xent.model.LoadedModel;
import xent.reference.Kernels;

/**
 * A test's float64 view of a model's logits: the whole [T, V] of one window copied to the host
 * (fine for a tiny model), and the softmax moments computed from it in double.
 */
final class FullLogits {

  private FullLogits() {}

  /**
   * Logits predicting each of {@code tokens}, from the single window [prefix] + tokens[0, n - 1):
   * row i predicts tokens[i].
   */
  static double[][] of(LoadedModel model, int[] tokens) {
    int n = tokens.length;
    long[] ids = new long[n];
    ids[0] = model.tokenizer().prefixId();
    for (int i = 1; i < n; i++) {
      ids[i] = tokens[i - 1];
    }
    try (NDManager scope = model.lm().head().getManager().newSubManager()) {
      NDArray hidden = model.lm().hiddenStates(scope.create(ids, new Shape(1, n))).reshape(n, -1);
      float[] flat = model.lm().logits(hidden).toType(DataType.FLOAT32, false).toFloatArray();
      int vocab = flat.length / n;
      double[][] z = new double[n][vocab];
      for (int i = 0; i < n; i++) {
        for (int v = 0; v < vocab; v++) {
          z[i][v] = flat[i * vocab + v];
        }
      }
      return z;
    }
  }

  /** log softmax of one row, in double. */
  static double[] logSoftmax(double[] z) {
    return Kernels.logSoftmax(z);
  }

  /** E_p[f] for log-probs {@code lp} defining p. */
  static double expect(double[] lp, double[] f) {
    double e = 0;
    for (int v = 0; v < lp.length; v++) {
      e += Math.exp(lp[v]) * f[v];
    }
    return e;
  }

  /** Var_p[f], two-pass. */
  static double variance(double[] lp, double[] f) {
    double mean = expect(lp, f);
    double var = 0;
    for (int v = 0; v < lp.length; v++) {
      var += Math.exp(lp[v]) * (f[v] - mean) * (f[v] - mean);
    }
    return var;
  }
}

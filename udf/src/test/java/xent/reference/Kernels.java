package xent.reference;

/**
 * The float64 building blocks of the reference forward passes, each a plain loop (as in llama2.c's
 * run.c). Vectors are {@code double[]}; a sequence of vectors is {@code double[T][width]}.
 */
public final class Kernels {

  private Kernels() {}

  /** Row inputIds[t] of an embedding table [V, width], checking that the id is in the vocabulary. */
  static double[] embedding(double[] table, int[] inputIds, int t, int width) {
    int vocab = table.length / width;
    int id = inputIds[t];
    if (id < 0 || id >= vocab) {
      throw new IllegalArgumentException(
          "input id " + id + " at position " + t + " is outside the vocabulary [0, " + vocab + ")");
    }
    double[] row = new double[width];
    System.arraycopy(table, id * width, row, 0, width);
    return row;
  }

  /** W (out, in) @ x (in,) + b (out,) -> (out,); W row-major [out, in], b may be null. */
  static double[] linear(double[] w, double[] b, double[] x, int out) {
    int in = x.length;
    double[] y = new double[out];
    for (int o = 0; o < out; o++) {
      double sum = b == null ? 0 : b[o];
      int row = o * in;
      for (int i = 0; i < in; i++) {
        sum += w[row + i] * x[i];
      }
      y[o] = sum;
    }
    return y;
  }

  /** RMSNorm: x / sqrt(mean(x^2) + eps) * gain. */
  static double[] rmsNorm(double[] x, double[] gain, double eps) {
    double meanSquare = 0;
    for (double v : x) {
      meanSquare += v * v;
    }
    meanSquare /= x.length;
    double scale = 1.0 / Math.sqrt(meanSquare + eps);
    double[] y = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      y[i] = x[i] * scale * gain[i];
    }
    return y;
  }

  /** LayerNorm with the biased variance (divides by n, as torch does): (x - mean) / sd * w + b. */
  static double[] layerNorm(double[] x, double[] weight, double[] bias, double eps) {
    int n = x.length;
    double mean = 0;
    for (double v : x) {
      mean += v;
    }
    mean /= n;
    double variance = 0;
    for (double v : x) {
      variance += (v - mean) * (v - mean);
    }
    variance /= n;
    double scale = 1.0 / Math.sqrt(variance + eps);
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      y[i] = (x[i] - mean) * scale * weight[i] + bias[i];
    }
    return y;
  }

  /** x += y, element-wise (the residual connection). */
  static void addInPlace(double[] x, double[] y) {
    for (int i = 0; i < x.length; i++) {
      x[i] += y[i];
    }
  }

  /**
   * Causal multi-head attention with grouped-query heads, softmax(scale q k^T) v per head.
   *
   * @param q queries [T, nHeads * headDim]
   * @param k keys [T, nKvHeads * headDim]; query head h reads kv head h / (nHeads / nKvHeads)
   * @param v values [T, nKvHeads * headDim]
   * @param window if positive, query t sees only keys s with t - s < window (sliding window)
   * @param scale factor of the scores, 1 / sqrt(headDim) in most families
   * @return the heads' outputs concatenated, [T, nHeads * headDim]
   */
  static double[][] attention(
      double[][] q, double[][] k, double[][] v, int nHeads, int nKvHeads, int headDim, int window,
      double scale) {
    int seqLen = q.length;
    int kvMul = nHeads / nKvHeads;
    double[][] out = new double[seqLen][nHeads * headDim];
    double[] scores = new double[seqLen];
    for (int t = 0; t < seqLen; t++) {
      int first = window > 0 ? Math.max(0, t - window + 1) : 0;
      for (int h = 0; h < nHeads; h++) {
        int qOffset = h * headDim;
        int kvOffset = (h / kvMul) * headDim;
        // scores over the visible keys s in [first, t]
        double max = Double.NEGATIVE_INFINITY;
        for (int s = first; s <= t; s++) {
          double dot = 0;
          for (int i = 0; i < headDim; i++) {
            dot += q[t][qOffset + i] * k[s][kvOffset + i];
          }
          scores[s] = dot * scale;
          max = Math.max(max, scores[s]);
        }
        // softmax, subtracting the max so that exp cannot overflow
        double sum = 0;
        for (int s = first; s <= t; s++) {
          scores[s] = Math.exp(scores[s] - max);
          sum += scores[s];
        }
        // weighted sum of the values
        for (int s = first; s <= t; s++) {
          double weight = scores[s] / sum;
          for (int i = 0; i < headDim; i++) {
            out[t][qOffset + i] += weight * v[s][kvOffset + i];
          }
        }
      }
    }
    return out;
  }

  /** log softmax(logits), subtracting the max before exp so that it cannot overflow. */
  public static double[] logSoftmax(double[] logits) {
    double max = Double.NEGATIVE_INFINITY;
    for (double z : logits) {
      max = Math.max(max, z);
    }
    double sum = 0;
    for (double z : logits) {
      sum += Math.exp(z - max);
    }
    double logNormalizer = max + Math.log(sum);
    double[] out = new double[logits.length];
    for (int i = 0; i < logits.length; i++) {
      out[i] = logits[i] - logNormalizer;
    }
    return out;
  }
}

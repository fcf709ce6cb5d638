package xent.map;

import java.util.Random;

/**
 * A bigram language model over a small alphabet generating texts of a fixed length: a start
 * distribution and a transition matrix. Small enough that the KL divergence between two of them,
 * over whole texts, is computed exactly by the chain rule.
 */
record MarkovTextModel(double[] start, double[][] next, int length) {

  /** A random reference model: logits N(0, 1). */
  static MarkovTextModel random(int alphabet, int length, Random random) {
    double[] start = softmax(random.doubles(alphabet).map(v -> random.nextGaussian()).toArray());
    double[][] next = new double[alphabet][];
    for (int a = 0; a < alphabet; a++) {
      next[a] = softmax(random.doubles(alphabet).map(v -> random.nextGaussian()).toArray());
    }
    return new MarkovTextModel(start, next, length);
  }

  /** This model with every logit moved by {@code scale} N(0, 1). */
  MarkovTextModel perturbed(double scale, Random random) {
    double[] s = new double[start.length];
    for (int a = 0; a < s.length; a++) {
      s[a] = Math.log(start[a]) + scale * random.nextGaussian();
    }
    double[][] p = new double[next.length][next.length];
    for (int a = 0; a < next.length; a++) {
      for (int b = 0; b < next.length; b++) {
        p[a][b] = Math.log(next[a][b]) + scale * random.nextGaussian();
      }
    }
    double[][] rows = new double[next.length][];
    for (int a = 0; a < next.length; a++) {
      rows[a] = softmax(p[a]);
    }
    return new MarkovTextModel(softmax(s), rows, length);
  }

  int[] sample(Random random) {
    int[] text = new int[length];
    text[0] = draw(start, random);
    for (int t = 1; t < length; t++) {
      text[t] = draw(next[text[t - 1]], random);
    }
    return text;
  }

  double logLikelihood(int[] text) {
    double l = Math.log(start[text[0]]);
    for (int t = 1; t < text.length; t++) {
      l += Math.log(next[text[t - 1]][text[t]]);
    }
    return l;
  }

  /**
   * KL(this || other) over whole texts, exactly: KL of the first symbols plus, for each later
   * position, the expected KL of the transition rows under this model's marginal at the position before.
   */
  double klTo(MarkovTextModel other) {
    double kl = kl(start, other.start);
    double[] marginal = start.clone();
    for (int t = 1; t < length; t++) {
      double[] following = new double[marginal.length];
      for (int a = 0; a < marginal.length; a++) {
        kl += marginal[a] * kl(next[a], other.next[a]);
        for (int b = 0; b < marginal.length; b++) {
          following[b] += marginal[a] * next[a][b];
        }
      }
      marginal = following;
    }
    return kl;
  }

  private static double kl(double[] p, double[] q) {
    double s = 0;
    for (int a = 0; a < p.length; a++) {
      s += p[a] * Math.log(p[a] / q[a]);
    }
    return s;
  }

  private static int draw(double[] p, Random random) {
    double u = random.nextDouble();
    for (int a = 0; a < p.length - 1; a++) {
      u -= p[a];
      if (u < 0) {
        return a;
      }
    }
    return p.length - 1;
  }

  private static double[] softmax(double[] logits) {
    double max = java.util.Arrays.stream(logits).max().orElseThrow();
    double[] p = java.util.Arrays.stream(logits).map(v -> Math.exp(v - max)).toArray();
    double sum = java.util.Arrays.stream(p).sum();
    return java.util.Arrays.stream(p).map(v -> v / sum).toArray();
  }
}

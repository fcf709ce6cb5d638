package xent.generate;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * One draw from a row of logits: softmax(logits / temperature) in double, truncated to the
 * nucleus (the fewest most-probable tokens whose probabilities reach top-p, ties broken by the
 * lower id), renormalised, sampled by inverting one uniform draw.
 */
final class NucleusSampler {

  private NucleusSampler() {}

  static int draw(float[] logits, SamplingOptions options, SplittableRandom random) {
    int v = logits.length;
    double max = Double.NEGATIVE_INFINITY;
    for (float l : logits) {
      max = Math.max(max, l);
    }
    double[] p = new double[v];
    double total = 0;
    for (int i = 0; i < v; i++) {
      p[i] = Math.exp((logits[i] - max) / options.temperature());
      total += p[i];
    }
    Integer[] order = new Integer[v];
    for (int i = 0; i < v; i++) {
      order[i] = i;
    }
    // most probable first, the lower id first among equals: the nucleus is one set for one row
    Arrays.sort(order, (a, b) -> p[a] != p[b] ? Double.compare(p[b], p[a]) : Integer.compare(a, b));
    double kept = 0;
    int size = 0;
    while (size < v && (size == 0 || kept < options.topP() * total)) {
      kept += p[order[size++]];
    }
    double u = random.nextDouble() * kept;
    double cumulative = 0;
    for (int k = 0; k < size; k++) {
      cumulative += p[order[k]];
      if (u < cumulative) {
        return order[k];
      }
    }
    return order[size - 1]; // u within rounding of the nucleus's total
  }
}

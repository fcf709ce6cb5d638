package xent.train;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Draws training windows of T + 1 consecutive tokens (T inputs, each next token its target) at
 * random positions of per-domain token streams. Each row first picks a domain with probability
 * equal to its mixture weight, then a uniform start in that domain's stream. With natural
 * weights (proportional to each domain's tokens) this is uniform over the whole corpus.
 *
 * <p>Driven by one seeded generator: the same seed gives the same windows in the same order.
 */
public final class WindowSampler {

  private final String[] domains;
  private final int[][] streams;
  private final double[] cumulative;
  private final Map<String, Double> mixture;
  private final int context;
  private final SplittableRandom random;

  /**
   * @param streams token streams by domain
   * @param weights mixture weights by domain (any non-negative scale; absent domains get 0), or
   *     null for natural weights
   * @param context T
   */
  public WindowSampler(Map<String, int[]> streams, Map<String, Double> weights, int context, long seed) {
    Map<String, Double> w = new LinkedHashMap<>();
    for (Map.Entry<String, int[]> e : streams.entrySet()) {
      w.put(e.getKey(), weights == null ? (double) e.getValue().length : weights.getOrDefault(e.getKey(), 0.0));
    }
    if (weights != null) {
      for (String domain : weights.keySet()) {
        if (!streams.containsKey(domain)) {
          throw new IllegalArgumentException("domain weight for '" + domain
              + "', which the corpus lacks (its domains: " + streams.keySet() + ")");
        }
      }
    }
    double total = w.values().stream().mapToDouble(Double::doubleValue).sum();
    if (!(total > 0) || w.values().stream().anyMatch(x -> !(x >= 0))) {
      throw new IllegalArgumentException("domain weights must be >= 0 with a positive sum, found " + w);
    }
    this.mixture = new LinkedHashMap<>();
    w.forEach((d, x) -> mixture.put(d, x / total));
    this.domains = mixture.entrySet().stream().filter(e -> e.getValue() > 0)
        .map(Map.Entry::getKey).toArray(String[]::new);
    this.streams = new int[domains.length][];
    this.cumulative = new double[domains.length];
    double sum = 0;
    for (int i = 0; i < domains.length; i++) {
      this.streams[i] = streams.get(domains[i]);
      if (this.streams[i].length < context + 1) {
        throw new IllegalArgumentException("domain '" + domains[i] + "' has "
            + this.streams[i].length + " tokens, fewer than one window of context + 1 = "
            + (context + 1));
      }
      sum += mixture.get(domains[i]);
      cumulative[i] = sum;
    }
    cumulative[domains.length - 1] = 1.0;
    this.context = context;
    this.random = new SplittableRandom(seed);
  }

  /** The normalized weights in use, by domain (summing to 1). */
  public Map<String, Double> mixture() {
    return Collections.unmodifiableMap(mixture);
  }

  /** {@code rows} windows of context + 1 tokens, row-major. */
  public long[] next(int rows) {
    long[] out = new long[rows * (context + 1)];
    for (int r = 0; r < rows; r++) {
      double u = random.nextDouble();
      int d = 0;
      while (cumulative[d] < u) {
        d++;
      }
      int[] stream = streams[d];
      int start = random.nextInt(stream.length - context);
      for (int i = 0; i <= context; i++) {
        out[r * (context + 1) + i] = stream[start + i];
      }
    }
    return out;
  }
}

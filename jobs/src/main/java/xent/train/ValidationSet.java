package xent.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import xent.model.CausalLm;

/**
 * Fixed held-out windows per domain: consecutive windows of T + 1 tokens from the start of each
 * domain's stream, overlapping by one token so that every token after the first is a target
 * once, at most {@code maxWindows} per domain. The same windows are scored at every evaluation.
 */
public final class ValidationSet {

  /** Domain key of the token-weighted mean over all domains. */
  public static final String ALL = "*";

  private final Map<String, List<long[]>> windows = new LinkedHashMap<>();
  private final int context;

  public ValidationSet(Map<String, int[]> streams, int context, int maxWindows) {
    this.context = context;
    streams.forEach((domain, stream) -> {
      List<long[]> list = new ArrayList<>();
      for (int start = 0; start + context < stream.length && list.size() < maxWindows; start += context) {
        long[] w = new long[context + 1];
        for (int i = 0; i <= context; i++) {
          w[i] = stream[start + i];
        }
        list.add(w);
      }
      if (!list.isEmpty()) {
        windows.put(domain, list);
      }
    });
  }

  /** Whether any domain had at least one window. */
  public boolean isEmpty() {
    return windows.isEmpty();
  }

  /**
   * Mean next-token loss (nats) per domain and over all ({@link #ALL}), computed in batches of
   * {@code batch} rows, each batch in its own scope of {@code manager}.
   */
  public Map<String, Double> loss(CausalLm lm, NDManager manager, int batch) {
    Map<String, Double> out = new LinkedHashMap<>();
    double total = 0;
    long rows = 0;
    for (Map.Entry<String, List<long[]>> e : windows.entrySet()) {
      List<long[]> list = e.getValue();
      double sum = 0;
      for (int from = 0; from < list.size(); from += batch) {
        List<long[]> part = list.subList(from, Math.min(list.size(), from + batch));
        long[] flat = new long[part.size() * (context + 1)];
        for (int r = 0; r < part.size(); r++) {
          System.arraycopy(part.get(r), 0, flat, r * (context + 1), context + 1);
        }
        try (NDManager scope = manager.newSubManager()) {
          NDArray windowsArray = scope.create(flat, new Shape(part.size(), context + 1));
          NDArray inputs = windowsArray.get(":, :-1");
          NDArray targets = windowsArray.get(":, 1:");
          sum += LanguageModelLoss.mean(lm, inputs, targets).getFloat() * part.size();
        }
      }
      out.put(e.getKey(), sum / list.size());
      total += sum;
      rows += list.size();
    }
    out.put(ALL, total / rows);
    return out;
  }
}

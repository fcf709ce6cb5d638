package xent.scoring;

import com.google.gson.GsonBuilder;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import xent.score.DocumentMetrics;

/**
 * The per-model totals of a run, written to {@code OUT/summary.json} and printed as a table.
 * Means are weighted as lm-evaluation-harness does: sums first, one division last.
 *
 * @param models per model, in the order given
 */
public record ScoreSummary(Map<String, ModelTotals> models) {

  /**
   * One model's totals.
   *
   * @param rowsIn documents in (always scored + rejected)
   * @param scored documents scored
   * @param rejected documents rejected
   * @param tokens scored tokens
   * @param natsPerToken -sum logprob / tokens (lower is better)
   * @param bitsPerByte -sum logprob / bytes / ln 2 (lower is better)
   * @param seconds wall time of the model's units, summed
   */
  public record ModelTotals(long rowsIn, long scored, long rejected, long tokens,
      double natsPerToken, double bitsPerByte, double seconds) {}

  /**
   * Totals of every model with committed units in the ledger: this run's models first, then those
   * that earlier runs into the same folder scored, sorted (one run per model, as Airflow's tasks
   * do, still leaves one summary of the whole table). A model of this run without a committed unit
   * has zero counts and no means.
   */
  static ScoreSummary of(List<String> runModels, UnitLedger ledger, long rowsPerModel) throws IOException {
    List<String> names = new ArrayList<>(runModels);
    ledger.models().stream().filter(m -> !runModels.contains(m)).forEach(names::add);
    return of(names, ledger.totals(names), rowsPerModel);
  }

  static ScoreSummary of(List<String> names, Map<String, UnitStats> totals, long rowsPerModel) {
    Map<String, ModelTotals> models = new LinkedHashMap<>();
    for (String name : names) {
      UnitStats t = totals.get(name);
      if (t == null) {
        models.put(name, new ModelTotals(0, 0, 0, 0, Double.NaN, Double.NaN, 0));
        continue;
      }
      models.put(name, new ModelTotals(t.rowsIn(), t.scored(), t.rejected(), t.tokens(),
          DocumentMetrics.natsPerToken(t.logprob(), t.tokens()), DocumentMetrics.bitsPerByte(t.logprob(), t.nBytes()),
          t.seconds()));
    }
    return new ScoreSummary(models);
  }

  public String toJson() {
    Map<String, Map<String, Object>> json = new LinkedHashMap<>();
    models.forEach((name, t) -> {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("rows_in", t.rowsIn());
      m.put("scored", t.scored());
      m.put("rejected", t.rejected());
      m.put("tokens", t.tokens());
      m.put("nats_per_token", finite(t.natsPerToken()));
      m.put("bits_per_byte", finite(t.bitsPerByte()));
      m.put("seconds", t.seconds());
      json.put(name, m);
    });
    return new GsonBuilder().setPrettyPrinting().serializeNulls().create().toJson(json);
  }

  private static Double finite(double v) {
    return Double.isFinite(v) ? v : null;
  }

  /** The table printed at the end of a run. */
  public void print(PrintStream out) {
    out.printf("%-24s %10s %10s %9s %12s %11s %9s %9s%n",
        "model", "rows_in", "scored", "rejected", "tokens", "nats/token", "bits/byte", "seconds");
    models.forEach((name, t) -> out.printf("%-24s %10d %10d %9d %12d %11.4f %9.4f %9.1f%n",
        name, t.rowsIn(), t.scored(), t.rejected(), t.tokens(), t.natsPerToken(), t.bitsPerByte(),
        t.seconds()));
  }
}

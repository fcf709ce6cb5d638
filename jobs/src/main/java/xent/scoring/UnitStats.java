package xent.scoring;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;

/**
 * What one committed unit (model, split) holds, written beside the tables as the unit's commit
 * marker.
 *
 * @param model the model's name
 * @param split the split of the documents table
 * @param rowsIn documents of the split, rejected ones included
 * @param scored documents scored
 * @param rejected documents rejected
 * @param tokens scored tokens
 * @param nBytes UTF-8 bytes of the scored documents
 * @param logprob sum of the scored documents' log-likelihoods, nats
 * @param seconds wall time of the unit's Spark jobs
 */
public record UnitStats(
    String model, int split, long rowsIn, long scored, long rejected, long tokens, long nBytes,
    double logprob, double seconds) {

  private static final Gson GSON = new GsonBuilder().setFieldNamingPolicy(
      com.google.gson.FieldNamingPolicy.LOWER_CASE_WITH_UNDERSCORES).create();

  public UnitStats {
    if (rowsIn != scored + rejected) {
      throw new IllegalStateException("unit " + model + "/" + split + ": rows_in " + rowsIn
          + " != scored " + scored + " + rejected " + rejected);
    }
  }

  public String toJson() {
    return GSON.toJson(this);
  }

  public static UnitStats fromJson(String json) {
    return GSON.fromJson(json, UnitStats.class);
  }

  /** The totals of two units of one model. */
  UnitStats plus(UnitStats o) {
    return new UnitStats(model, -1, rowsIn + o.rowsIn, scored + o.scored, rejected + o.rejected,
        tokens + o.tokens, nBytes + o.nBytes, logprob + o.logprob, seconds + o.seconds);
  }
}

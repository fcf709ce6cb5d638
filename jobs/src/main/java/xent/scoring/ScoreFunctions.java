package xent.scoring;

import ai.djl.Device;
import ai.djl.ndarray.types.DataType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF2;
import org.apache.spark.sql.types.DataTypes;
import xent.model.ModelCache;
import xent.model.ModelSpec;
import xent.model.TorchEngine;
import xent.score.DocumentScore;
import xent.score.Scorer;
import xent.score.ScoringOptions;

/**
 * Spark SQL functions for notebooks: {@code xent_logprob(text, model)} and
 * {@code xent_token_logprobs(text, model)}, over models registered by name.
 *
 * <p>Each executor thread keeps one scorer per model; the model itself is loaded once per JVM.
 * Row-at-a-time scoring does not batch: for corpora, use the score job.
 */
public final class ScoreFunctions {

  private ScoreFunctions() {}

  /** Registers both functions on {@code spark} for {@code models} ("NAME=PATH" each). */
  public static void register(SparkSession spark, List<String> models) {
    Map<String, ModelRef> byName = new LinkedHashMap<>();
    for (String spec : models) {
      ModelRef ref = ModelRef.of(ModelSpec.parse(spec));
      if (byName.put(ref.name(), ref) != null) {
        throw new IllegalArgumentException("model " + ref.name() + " is given twice");
      }
    }
    Registry registry = new Registry(byName);
    spark.udf().register("xent_logprob",
        (UDF2<String, String, Double>) (text, model) ->
            text == null ? null : registry.score(model, text, false).logprob(),
        DataTypes.DoubleType);
    spark.udf().register("xent_token_logprobs",
        (UDF2<String, String, float[]>) (text, model) ->
            text == null ? null : registry.score(model, text, true).tokens().logprob(),
        DataTypes.createArrayType(DataTypes.FloatType, false));
  }

  /** The registered models, shipped to executors with the functions. */
  private record Registry(Map<String, ModelRef> models) implements java.io.Serializable {

    private static final ThreadLocal<Map<String, Scorer>> SCORERS =
        ThreadLocal.withInitial(HashMap::new);

    DocumentScore score(String model, String text, boolean perToken) {
      ModelRef ref = models.get(model);
      if (ref == null) {
        throw new IllegalArgumentException(
            "xent: no model named '" + model + "'; registered: " + models.keySet());
      }
      Scorer scorer = SCORERS.get().computeIfAbsent(model, name -> open(ref));
      return scorer.scoreTexts(List.of(text), perToken).get(0);
    }

    private static Scorer open(ModelRef ref) {
      TorchEngine.start(1);
      try {
        // The lease is never returned: a notebook session keeps its models.
        ModelCache.Lease lease = ModelCache.shared().acquire(ref.localSpec(), Device.cpu(), DataType.FLOAT32);
        return new Scorer(lease.model(), ScoringOptions.DEFAULT);
      } catch (IOException e) {
        throw new UncheckedIOException("model " + ref.name() + ": " + e.getMessage(), e);
      }
    }
  }
}

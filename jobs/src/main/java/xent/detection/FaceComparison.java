package xent.detection;

import static org.apache.spark.sql.functions.col;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import xent.detect.FaceSimilarity;
import xent.detect.FaceSpectrum;
import xent.scoring.ScoreTable;

/**
 * {@code xent face A B}: FACE's similarities of two score tables' texts (Yang et al. 2023), the
 * spectrum of each text's per-token cross-entropy computed on the executors and only the
 * spectra, {@code points} numbers a text, brought to the driver. As face.py, the i-th text of one
 * side (here in doc_id order) is compared with the i-th of the other, up to the shorter side.
 */
public final class FaceComparison {

  private FaceComparison() {}

  /**
   * The comparison's result.
   *
   * @param similarity the four similarities averaged over the pairs
   * @param pairs texts compared
   * @param textsA texts of side A with a spectrum (3 or more scored tokens)
   * @param textsB texts of side B with a spectrum
   */
  public record Result(FaceSimilarity similarity, int pairs, long textsA, long textsB) {}

  /**
   * @param modelA the model of table A whose scores are read, or null when A holds one model
   * @param limit most texts a side
   */
  public static Result compare(SparkSession spark, String tableA, String modelA, String tableB, String modelB,
      FaceSpectrum spectrum, int limit) {
    List<double[]> a = spectra(spark, tableA, modelA, spectrum, limit);
    List<double[]> b = spectra(spark, tableB, modelB, spectrum, limit);
    return new Result(FaceSimilarity.ofSets(a, b), Math.min(a.size(), b.size()), a.size(), b.size());
  }

  private static List<double[]> spectra(SparkSession spark, String table, String model, FaceSpectrum spectrum,
      int limit) {
    Dataset<Row> scores = ScoreTable.read(spark, table);
    if (!Arrays.asList(scores.columns()).contains("token_logprob")) {
      throw new IllegalArgumentException("score table " + table + " has no token_logprob: FACE needs per-token"
          + " log-probs; score it with --per-token");
    }
    List<String> models = ScoreTable.models(scores, null);
    String chosen = model;
    if (chosen == null) {
      if (models.size() != 1) {
        throw new IllegalArgumentException("score table " + table + " holds models " + models
            + ": name the one to compare");
      }
      chosen = models.get(0);
    } else if (!models.contains(chosen)) {
      throw new IllegalArgumentException("score table " + table + " has no model " + chosen + "; it holds " + models);
    }
    Dataset<Row> texts = scores.where(col("model").equalTo(chosen).and(col("n_tokens").geq(3)))
        .orderBy("doc_id").limit(limit).select("token_logprob");
    MapFunction<Row, double[]> toSpectrum = row -> {
      List<Float> lp = row.getList(0);
      float[] values = new float[lp.size()];
      for (int i = 0; i < values.length; i++) {
        values[i] = lp.get(i);
      }
      return spectrum.of(values);
    };
    // limit texts of points doubles each: what the driver holds
    return new ArrayList<>(texts.map(toSpectrum, Encoders.kryo(double[].class)).collectAsList());
  }
}

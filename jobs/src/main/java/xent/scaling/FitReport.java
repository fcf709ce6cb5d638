package xent.scaling;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.util.Map;
import xent.table.StrictJson;

/**
 * The JSON object {@code scaling fit} prints: the parameters at top level under the paper's names
 * (E, A, B, alpha, beta for Chinchilla), then what the fit was, its bootstrap intervals, the
 * compute-optimal allocation and the extrapolation error, when computed.
 */
public final class FitReport {

  private final JsonObject json = new JsonObject();

  public FitReport(ScalingLawFit fit, boolean maximumLikelihood) {
    fit.parameters().forEach(json::addProperty);
    json.addProperty("law", fit.law().name());
    json.addProperty("objective", maximumLikelihood ? "huber-maximum-likelihood" : "huber");
    json.addProperty("objective_value", fit.objective());
    if (maximumLikelihood) {
      json.addProperty("sigma", fit.sigma());
    }
    json.addProperty("points", fit.points());
    if (fit.law() instanceof ChinchillaLaw) {
      ComputeOptimal optimal = ComputeOptimal.of(fit);
      JsonObject o = new JsonObject();
      o.addProperty("G", optimal.g());
      o.addProperty("a", optimal.a());
      o.addProperty("b", optimal.b());
      o.addProperty("N_opt", "G * (C / 6)^a");
      o.addProperty("D_opt", "(C / 6)^b / G");
      json.add("compute_optimal", o);
    }
  }

  public FitReport bootstrap(int resamples, double level, Map<String, Bootstrap.Interval> intervals) {
    JsonObject b = new JsonObject();
    b.addProperty("resamples", resamples);
    b.addProperty("level", level);
    JsonObject byName = new JsonObject();
    intervals.forEach((name, interval) -> {
      JsonObject i = new JsonObject();
      JsonArray range = new JsonArray();
      range.add(interval.lower());
      range.add(interval.upper());
      i.add("interval", range);
      i.addProperty("standard_error", interval.standardError());
      byName.add(name, i);
    });
    b.add("parameters", byName);
    json.add("bootstrap", b);
    return this;
  }

  public FitReport extrapolation(int k, Extrapolation e) {
    JsonObject h = new JsonObject();
    h.addProperty("largest_sizes_held_out", k);
    h.addProperty("size_threshold", e.threshold());
    h.addProperty("points_held_out", e.heldOut());
    h.addProperty("mean_abs_relative_error", e.meanAbsoluteError());
    h.addProperty("max_abs_relative_error", e.maxAbsoluteError());
    JsonObject fit = new JsonObject();
    e.fit().parameters().forEach(fit::addProperty);
    h.add("fit_without_them", fit);
    json.add("holdout", h);
    return this;
  }

  /** Strict JSON: a non-finite value (a diverged bootstrap's standard error) is null with a reason. */
  public String toJson(boolean pretty) {
    return StrictJson.toJson(json, pretty);
  }
}

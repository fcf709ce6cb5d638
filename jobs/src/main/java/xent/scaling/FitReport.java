package xent.scaling;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;
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

  public FitReport bootstrap(double level, Bootstrap.Result result) {
    JsonObject b = new JsonObject();
    b.addProperty("resamples", result.resamples());
    b.addProperty("failed", result.failed());
    b.addProperty("level", level);
    b.addProperty("method", "percentile");
    b.addProperty("resampled", result.unit());
    b.addProperty("runs", result.runs());
    JsonObject byName = new JsonObject();
    result.byName().forEach((name, interval) -> {
      JsonObject i = new JsonObject();
      i.add("interval", pair(interval.lower(), interval.upper()));
      if (!interval.percentileHoldsEstimate()) {
        i.add("percentile_interval", pair(interval.percentileLower(), interval.percentileUpper()));
        i.addProperty("widened_to_estimate", true);
      }
      i.addProperty("standard_error", interval.standardError());
      byName.add(name, i);
    });
    b.add("parameters", byName);
    json.add("bootstrap", b);
    return this;
  }

  /** Whether the runs pin the fit down, and why not: first in the report, before any number. */
  public FitReport verdict(Verdict verdict) {
    json.add("verdict", verdict(verdict.identified(), verdict.reasons()));
    return this;
  }

  /**
   * The compute-optimal N*(C) of approach 3 at each budget of the data, identified only when the
   * fit is and N* lies inside the sizes the runs span (outside them it is an extrapolation of a
   * law to where it was never observed).
   */
  public FitReport computeOptimal(ScalingLawFit fit, Verdict fitVerdict, List<ScalingPoint> points) {
    JsonObject o = json.getAsJsonObject("compute_optimal");
    double smallest = points.stream().mapToDouble(ScalingPoint::n).min().orElseThrow();
    double largest = points.stream().mapToDouble(ScalingPoint::n).max().orElseThrow();
    ComputeOptimal optimal = ComputeOptimal.of(fit);
    List<String> reasons = new ArrayList<>();
    if (!fitVerdict.identified()) {
      reasons.add("the fit is not identified");
    }
    JsonArray budgets = new JsonArray();
    for (List<ScalingPoint> group : ComputeFrontier.budgets(points)) {
      double c = group.stream().mapToDouble(ScalingPoint::c).average().orElseThrow();
      double n = optimal.parameters(c);
      JsonObject b = new JsonObject();
      b.addProperty("C", c);
      b.addProperty("N_opt", n);
      b.addProperty("D_opt", optimal.tokens(c));
      budgets.add(b);
      if (!(n >= smallest && n <= largest)) {
        reasons.add(String.format("N_opt(%.3g) = %.3g is outside the runs' sizes [%.3g, %.3g]", c, n, smallest, largest));
      }
    }
    o.add("budgets", budgets);
    o.add("verdict", verdict(reasons.isEmpty(), reasons));
    return this;
  }

  /** Approaches 1 and 2 of Hoffmann et al. beside the parametric fit. */
  public FitReport frontier(ComputeFrontier f) {
    JsonObject o = new JsonObject();
    o.addProperty("method", f.approach() == 1 ? "lowest loss of each compute budget"
        : "vertex of a parabola in log N through each compute budget");
    o.addProperty("a", f.a());
    o.add("a_interval", pair(f.lower(), f.upper()));
    JsonArray budgets = new JsonArray();
    for (ComputeFrontier.Budget b : f.budgets()) {
      JsonObject row = new JsonObject();
      row.addProperty("C", b.compute());
      row.addProperty("sizes", b.sizes());
      row.addProperty("N_opt", b.optimum());
      if (!b.note().isEmpty()) {
        row.addProperty("note", b.note());
      }
      budgets.add(row);
    }
    o.add("budgets", budgets);
    o.add("verdict", verdict(f.verdict().identified(), f.verdict().reasons()));
    json.add("approach_" + f.approach(), o);
    return this;
  }

  private static JsonObject verdict(boolean identified, List<String> reasons) {
    JsonObject v = new JsonObject();
    v.addProperty("identified", identified);
    JsonArray why = new JsonArray();
    reasons.forEach(why::add);
    v.add("reasons", why);
    v.addProperty("exponent_bound", Verdict.EXPONENT_BOUND);
    return v;
  }

  private static JsonArray pair(double low, double high) {
    JsonArray range = new JsonArray();
    range.add(low);
    range.add(high);
    return range;
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

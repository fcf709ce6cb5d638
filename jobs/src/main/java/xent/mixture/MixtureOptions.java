package xent.mixture;

import java.nio.file.Path;
import java.util.Map;

/**
 * What {@code xent mixture} is asked for.
 *
 * @param experts score table of the experts with per-token log-probs (a score job's output or its scores/)
 * @param observed the observed mixtures: a long CSV (model,domain,weight,loss) or a score table
 * @param out output folder
 * @param target weights of the validation domains in the objective (empty: all domains equally)
 * @param expertGlob names of the expert models
 * @param observedGlob names of the observed mixture models, when {@code observed} is a score table
 * @param modelDirs folder holding NAME/training.json and the tokenizer per model, or null
 * @param expertDomains domain of each expert by name, overriding training.json and the name suffix
 * @param candidates Dirichlet(1) mixtures drawn for the search on each regressor
 * @param trees boosting rounds of the gradient-boosted regressors
 * @param seed of the Dirichlet search, the boosted trees and the mixing-law starts
 */
public record MixtureOptions(String experts, String observed, Path out, Map<String, Double> target,
    String expertGlob, String observedGlob, Path modelDirs, Map<String, String> expertDomains, int candidates,
    int trees, long seed) {

  public MixtureOptions {
    if (experts == null || observed == null || out == null) {
      throw new IllegalArgumentException("--experts, --observed and --out are required");
    }
    target = target == null ? Map.of() : Map.copyOf(target);
    expertDomains = expertDomains == null ? Map.of() : Map.copyOf(expertDomains);
    expertGlob = expertGlob == null ? "expert-*" : expertGlob;
    observedGlob = observedGlob == null ? "mixture-*" : observedGlob;
    target.forEach((domain, weight) -> {
      if (!(weight >= 0) || Double.isInfinite(weight)) {
        throw new IllegalArgumentException("--target " + domain + "=" + weight + ": weights must be finite and >= 0");
      }
    });
    if (!target.isEmpty() && target.values().stream().mapToDouble(Double::doubleValue).sum() <= 0) {
      throw new IllegalArgumentException("--target " + target + ": weights must not all be zero");
    }
    if (trees < 1) {
      throw new IllegalArgumentException("--trees must be at least 1, got " + trees);
    }
    if (candidates < 1) {
      throw new IllegalArgumentException("--candidates must be at least 1, got " + candidates);
    }
  }
}

package xent.train;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import xent.model.ModelConfig.Family;
import xent.sampling.Dirichlet;

/**
 * The configurations of a training grid, all sharing one tokenizer: (a) a scaling grid of sizes
 * x budgets on the natural domain mix (token budgets, or compute budgets in an IsoFLOP grid, where
 * each size trains on D = C / 6N tokens, N its non-embedding parameters), (b) one expert per domain, (c) Dirichlet(0.3)-random
 * mixtures of the domains, (b) and (c) at one size and budget.
 *
 * @param preset the preset's name
 * @param sizes (dim, layers, heads) of the scaling grid, smallest first
 * @param budgets training tokens of the scaling grid, or its compute budgets in FLOP
 * @param isoFlop whether budgets are compute budgets (C = 6 N D)
 * @param expertSize index into sizes of the expert and mixture models
 * @param expertBudget training tokens of the expert and mixture models
 * @param mixtures how many random mixtures
 * @param context T
 * @param batch B
 * @param checkpoints intermediate checkpoints per run (0: only the final model)
 */
public record GridPlan(String preset, List<int[]> sizes, List<Long> budgets, boolean isoFlop, int expertSize,
    long expertBudget, int mixtures, int context, int batch, int checkpoints) {

  /**
   * Concentration of the random mixtures. Below 1 the draws are sparse (a few domains dominate
   * each), which spreads every domain's weight, and so its validation loss, across the family far
   * more than Dirichlet(1) does: the differences a mixture estimator must rank then stand above
   * the run-to-run noise of training.
   */
  public static final double MIXTURE_CONCENTRATION = 0.3;

  /** One configuration to train: its folder name, options and mixture (null: natural). */
  public record Run(String name, String group, TrainingOptions options, Map<String, Double> weights)
      implements Serializable {}

  /**
   * {@code small}: an IsoFLOP grid of 4 sizes (3.3K to 25K non-embedding parameters) x 4 compute
   * budgets (5e9 to 4e10 FLOP: 32K to 2M tokens a run), so that each budget's losses trace a curve
   * over size and Chinchilla's approaches 1 and 2 have >= 3 budgets of >= 4 sizes; experts and 16
   * mixtures at 7K parameters, 512K tokens each; minutes on 2 cores. {@code full}: 6 sizes (25K to
   * 5M) x 4 budgets (1M to 8M tokens), 16 mixtures, 4 intermediate checkpoints per run for
   * LR-annealing fits; hours.
   */
  public static GridPlan preset(String name) {
    return switch (name) {
      case "small" -> new GridPlan(name,
          List.of(new int[] {16, 1, 2}, new int[] {24, 1, 2}, new int[] {32, 1, 2}, new int[] {32, 2, 2}),
          List.of(5_000_000_000L, 10_000_000_000L, 20_000_000_000L, 40_000_000_000L), true, 1, 1L << 19, 16, 64, 8, 0);
      case "full" -> new GridPlan(name,
          List.of(new int[] {32, 2, 2}, new int[] {64, 2, 4}, new int[] {96, 3, 4},
              new int[] {128, 4, 4}, new int[] {192, 4, 6}, new int[] {256, 6, 8}),
          List.of(1L << 20, 1L << 21, 1L << 22, 1L << 23), false, 3, 1L << 22, 16, 128, 16, 4);
      default -> throw new IllegalArgumentException("grid preset '" + name + "' must be small or full");
    };
  }

  /** Every run, scaling grid first; mixtures drawn from {@code seed}. */
  public List<Run> runs(Family family, List<String> domains, double lr, long seed) {
    List<Run> out = new ArrayList<>();
    for (int[] size : sizes) {
      for (long budget : budgets) {
        long tokens = isoFlop ? tokensFor(family, size, budget) : budget;
        String name = isoFlop ? String.format("scaling-d%d-l%d-c%.0e", size[0], size[1], (double) budget).replace("+", "")
            : String.format("scaling-d%d-l%d-t%d", size[0], size[1], budget);
        out.add(new Run(name, "scaling", options(family, size, tokens, lr, seed), null));
      }
    }
    int[] size = sizes.get(expertSize);
    for (String domain : domains) {
      out.add(new Run("expert-" + safe(domain), "expert",
          options(family, size, expertBudget, lr, seed), Map.of(domain, 1.0)));
    }
    SplittableRandom random = new SplittableRandom(seed);
    Dirichlet draws = new Dirichlet(MIXTURE_CONCENTRATION);
    for (int m = 0; m < mixtures; m++) {
      double[] x = draws.sample(domains.size(), random);
      Map<String, Double> weights = new LinkedHashMap<>();
      for (int i = 0; i < x.length; i++) {
        weights.put(domains.get(i), x[i]);
      }
      out.add(new Run(String.format("mixture-%02d", m), "mixture",
          options(family, size, expertBudget, lr, seed), weights));
    }
    return out;
  }

  /** D = C / 6N, N the non-embedding parameters (which do not depend on the vocabulary). */
  private long tokensFor(Family family, int[] size, long compute) {
    long n = options(family, size, 1L << 20, 0.1, 0).modelConfig(256, 0, 0).nonEmbeddingParameters();
    return Math.round(compute / (6.0 * n));
  }

  private TrainingOptions options(Family family, int[] size, long budget, double lr, long seed) {
    int steps = TrainingOptions.stepsFor(budget, batch, context);
    int warmup = Math.max(1, Math.min(100, steps / 10));
    return new TrainingOptions(family, size[0], size[1], size[2], 0, 0, context, batch, steps, lr,
        lr / 10, warmup, LearningRateSchedule.Shape.COSINE, 0.2, 0.1, 1.0, seed,
        checkpoints > 0 ? Math.max(1, steps / (checkpoints + 1)) : 0, 16);
  }

  private static String safe(String domain) {
    return domain.replaceAll("[^A-Za-z0-9._-]", "_");
  }
}

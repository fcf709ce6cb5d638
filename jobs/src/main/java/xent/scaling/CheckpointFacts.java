package xent.scaling;

import java.util.Objects;
import xent.train.TrainingMetadata;

/**
 * What the scaling dataset knows about one checkpoint, from its training.json or a metadata table.
 *
 * @param family the family (null when unknown)
 * @param n all parameters
 * @param nNonEmbedding Kaplan's N (null when unknown)
 * @param tokens D, training tokens seen
 * @param flops C, training compute in FLOP
 * @param flopsSource where C comes from: "training.json", "table", or the formula that defaulted it
 * @param step optimizer steps taken (null when unknown)
 * @param learningRates the rate of every step up to at least {@code step}, for S1 and S2 (null when
 *     unknown)
 * @param training the whole training.json, for the training curves (null from a table)
 */
public record CheckpointFacts(String family, long n, Long nNonEmbedding, long tokens, double flops,
    String flopsSource, Integer step, double[] learningRates, TrainingMetadata training) {

  public CheckpointFacts {
    Objects.requireNonNull(flopsSource, "flopsSource");
    if (n <= 0 || tokens < 0 || !(flops >= 0)) {
      throw new IllegalArgumentException("checkpoint facts need N > 0, D >= 0 and C >= 0, found N " + n
          + ", D " + tokens + ", C " + flops);
    }
    if (learningRates != null && (step == null || learningRates.length < step)) {
      throw new IllegalArgumentException("learning rates of " + (learningRates.length) + " steps do not"
          + " reach step " + step);
    }
  }

  /** The facts training.json states; its flops are C. */
  public static CheckpointFacts of(TrainingMetadata m) {
    return new CheckpointFacts(m.family(), m.parameters(), m.nonEmbeddingParameters(), m.tokens(),
        m.flops(), "training.json", m.step(), m.learningRates(), m);
  }

  /** The learning-rate areas S1 and S2 of every step, or null when the rates are unknown. */
  public LearningRateAreas areas() {
    return learningRates == null ? null : LearningRateAreas.of(learningRates);
  }
}

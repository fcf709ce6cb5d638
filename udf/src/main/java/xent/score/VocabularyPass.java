package xent.score;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * One streaming pass over vocabulary tiles for a chunk of positions: each tile of logits is
 * computed, folded into [c, 1] accumulators and freed before the next, so the engine holds at
 * most a few [c, tile] arrays and the host receives a few numbers per position.
 */
final class VocabularyPass {

  private VocabularyPass() {}

  /**
   * Moments of one model's softmax at each position.
   *
   * @param targets int64 [c, 1]
   * @param tileWidth vocabulary entries per tile
   */
  static PositionMoments moments(LogitTiles logits, NDArray targets, int tileWidth) {
    NDManager scope = targets.getManager();
    SoftmaxAccumulator acc = new SoftmaxAccumulator(scope, targets, logits.targetLogits(targets));
    long width = logits.width();
    for (long from = 0; from < width; from += tileWidth) {
      long to = Math.min(width, from + tileWidth);
      try (NDManager tileScope = scope.newSubManager()) {
        NDArray tile = logits.tile(from, to, tileScope);
        acc.rescale(tile, from);
        acc.accumulate();
      }
    }
    return acc.finish();
  }

  /** Both models' moments and the cross terms of B under A, at the same positions and tiles. */
  static PairMoments pair(LogitTiles a, LogitTiles b, NDArray targets, int tileWidth) {
    if (a.width() != b.width()) {
      throw new IllegalArgumentException(
          "logit widths differ: " + a.width() + " and " + b.width());
    }
    NDManager scope = targets.getManager();
    SoftmaxAccumulator accA = new SoftmaxAccumulator(scope, targets, a.targetLogits(targets));
    SoftmaxAccumulator accB = new SoftmaxAccumulator(scope, targets, b.targetLogits(targets));
    CrossAccumulator cross = new CrossAccumulator(scope);
    long width = a.width();
    for (long from = 0; from < width; from += tileWidth) {
      long to = Math.min(width, from + tileWidth);
      try (NDManager tileScope = scope.newSubManager()) {
        NDArray tileA = a.tile(from, to, tileScope);
        NDArray tileB = b.tile(from, to, tileScope);
        accA.rescale(tileA, from);
        accB.rescale(tileB, from);
        cross.add(accA, accB);
        accA.accumulate();
        accB.accumulate();
      }
    }
    return new PairMoments(accA.finish(), accB.finish(), cross.finish(accA, accB));
  }

  /** The result of {@link #pair}. */
  record PairMoments(PositionMoments a, PositionMoments b, CrossMoments cross) {}
}

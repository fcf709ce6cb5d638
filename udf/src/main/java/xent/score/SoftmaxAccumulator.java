package xent.score;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;

/**
 * Running moments of the softmax of one model's logits over vocabulary tiles, on the engine in
 * float32, per position: with m the running max and w = e^(z - m), S0 = sum w,
 * S1 = sum w (z - m), S2 = sum w (z - m)^2, and the count of logits above the target's.
 *
 * <p>Centring on the max keeps every term of a sum of one sign: S1 and the shift d = m - m' are
 * never positive, so the rescaling S2 <- e^d (S2 + 2 d S1 + d^2 S0) adds non-negative terms
 * and nothing cancels until the final variance S2/S0 - (S1/S0)^2 (see ../shared/METRICS.md).
 *
 * <p>A tile is taken in two steps so that {@link CrossAccumulator} can read this model's weights
 * in between: {@link #rescale} moves the sums to the tile's new max, {@link #accumulate} adds
 * the tile. Accumulators ([c, 1]) live in {@code scope}; per-tile arrays in the tile's manager.
 */
final class SoftmaxAccumulator {

  private final NDManager scope;
  private final NDArray target; // int64 [c, 1]
  private final NDArray targetLogit; // [c, 1]
  private NDArray max;
  private NDArray s0;
  private NDArray s1;
  private NDArray s2;
  private NDArray above; // int64 [c, 1]

  // the tile being taken: set by rescale, read by accumulate and CrossAccumulator
  private NDArray tile;
  private long from;
  private NDArray centred; // z - m', [c, t]
  private NDArray weights; // e^(z - m'), [c, t]
  private NDArray scale; // e^d, [c, 1]
  private NDArray shift; // d = m - m' <= 0, [c, 1]

  SoftmaxAccumulator(NDManager scope, NDArray target, NDArray targetLogit) {
    this.scope = scope;
    this.target = target;
    this.targetLogit = targetLogit;
  }

  /** Moves the sums to the max of {@code tile}'s logits (vocabulary entries from {@code from}). */
  void rescale(NDArray tile, long from) {
    this.tile = tile;
    this.from = from;
    NDArray tileMax = tile.max(new int[] {1}, true); // [c, 1]
    if (max == null) {
      shift = tileMax.zerosLike();
      scale = tileMax.onesLike();
      max = keep(tileMax);
      s0 = keep(tileMax.zerosLike());
      s1 = keep(tileMax.zerosLike());
      s2 = keep(tileMax.zerosLike());
      above = keep(tileMax.zerosLike().toType(DataType.INT64, false));
    } else {
      NDArray newMax = max.maximum(tileMax);
      shift = max.sub(newMax);
      scale = shift.exp();
      // e^d applied to each sum first: where e^d underflows to 0 a huge |d| then gives 0, not NaN
      NDArray es0 = s0.mul(scale);
      NDArray es1 = s1.mul(scale);
      s2 = keep(s2.mul(scale).add(es1.mul(shift).mul(2)).add(es0.mul(shift).mul(shift)));
      s1 = keep(es1.add(es0.mul(shift)));
      s0 = keep(es0);
      max = keep(newMax);
    }
    centred = tile.sub(max);
    weights = centred.exp();
  }

  /** Adds the rescaled tile to the sums and the rank count. */
  void accumulate() {
    NDArray a = weights.mul(centred);
    s0 = keep(s0.add(weights.sum(new int[] {1}, true)));
    s1 = keep(s1.add(a.sum(new int[] {1}, true)));
    // a (z - m'), not w (z - m')^2: a logit of -1e30 squares to infinity, and 0 * inf is NaN
    s2 = keep(s2.add(a.mul(centred).sum(new int[] {1}, true)));
    long width = tile.getShape().get(1);
    NDArray index = tile.getManager().arange(from, from + width, 1, DataType.INT64).reshape(1, -1);
    NDArray higher = tile.gt(targetLogit).logicalAnd(index.neq(target)); // [c, t]
    above = keep(above.add(higher.sum(new int[] {1}, true).toType(DataType.INT64, false)));
  }

  NDArray s0() {
    return s0;
  }

  NDArray weights() {
    return weights;
  }

  NDArray centred() {
    return centred;
  }

  NDArray scale() {
    return scale;
  }

  NDArray shift() {
    return shift;
  }

  /** log S0 = LSE - m, [c, 1]. */
  NDArray logS0() {
    return s0.log();
  }

  /** The per-position moments, copied to the host. */
  PositionMoments finish() {
    NDArray logS0 = s0.log();
    NDArray mean = s1.div(s0); // E_p[z - m] = mu + LSE - m
    NDArray lse = max.add(logS0);
    NDArray entropy = logS0.sub(mean);
    NDArray variance = s2.div(s0).sub(mean.mul(mean)).maximum(0f); // >= 0; rounding may dip below
    NDArray logprob = targetLogit.sub(lse);
    long[] count = above.toLongArray();
    int[] rank = new int[count.length];
    for (int i = 0; i < count.length; i++) {
      rank[i] = Math.toIntExact(count[i] + 1);
    }
    return new PositionMoments(
        logprob.toFloatArray(), lse.toFloatArray(), entropy.toFloatArray(), variance.toFloatArray(), rank);
  }

  /** {@code next} moved to the accumulators' scope, out of the tile's. */
  private NDArray keep(NDArray next) {
    next.attach(scope);
    return next;
  }
}

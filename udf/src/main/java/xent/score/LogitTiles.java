package xent.score;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import xent.model.CausalLm;
import xent.model.SoftCap;
import xent.model.Weights;

/**
 * The logits of a chunk of positions, handed out one vocabulary tile at a time so that a whole
 * row [c, V] never has to exist at once.
 */
interface LogitTiles {

  /** Number of logits per position (the head's rows; may exceed the tokenizer's vocabulary). */
  long width();

  /**
   * Float32 logits of vocabulary entries [from, to) of every position.
   *
   * @return [c, to - from]; it and every array made on the way belong to {@code tileScope}
   */
  NDArray tile(long from, long to, NDManager tileScope);

  /**
   * Float32 logit of each position's target; every rank is counted against this value.
   *
   * @param targets int64 [c, 1]
   * @return [c, 1]
   */
  NDArray targetLogits(NDArray targets);

  /** The tiles of a model's head applied to final-norm hidden states [c, dim]. */
  static LogitTiles head(CausalLm lm, NDArray hidden) {
    return new LogitTiles() {
      private final NDArray head = lm.head(); // [V, dim]
      private final NDArray bias = lm.headBias(); // [V] or null
      private final double cap = lm.config().block().logitSoftCap();

      @Override
      public long width() {
        return head.getShape().get(0);
      }

      @Override
      public NDArray tile(long from, long to, NDManager tileScope) {
        tileScope.tempAttachAll(hidden); // so the products below belong to tileScope
        NDIndex rows = new NDIndex(from + ":" + to);
        NDArray logits = Weights.linear(
            hidden, head.get(tileScope, rows), bias == null ? null : bias.get(tileScope, rows));
        return SoftCap.apply(logits, cap).toType(DataType.FLOAT32, false); // [c, to - from]
      }

      @Override
      public NDArray targetLogits(NDArray targets) {
        NDManager scope = targets.getManager();
        NDIndex picked = new NDIndex("{}", targets.reshape(-1));
        // the head's own manager would keep these rows for the model's lifetime
        NDArray logits = hidden.mul(head.get(scope, picked)).sum(new int[] {1}, true); // [c, 1]
        if (bias != null) {
          logits = logits.add(bias.get(scope, picked).reshape(-1, 1));
        }
        return SoftCap.apply(logits, cap).toType(DataType.FLOAT32, false);
      }
    };
  }

  /** Tiles that are column slices of logits already on the engine [c, V] (tests, benchmarks). */
  static LogitTiles of(NDArray logits) {
    return new LogitTiles() {
      @Override
      public long width() {
        return logits.getShape().get(1);
      }

      @Override
      public NDArray tile(long from, long to, NDManager tileScope) {
        return logits.get(tileScope, new NDIndex(":, " + from + ":" + to))
            .toType(DataType.FLOAT32, false);
      }

      @Override
      public NDArray targetLogits(NDArray targets) {
        return logits.gather(targets, 1).toType(DataType.FLOAT32, false);
      }
    };
  }
}

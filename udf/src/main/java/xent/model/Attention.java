package xent.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/** Scaled dot-product self-attention shared by the model families. */
public final class Attention {

  /** Added to masked scores: exp underflows to exactly 0 without the NaN risk of infinities. */
  private static final float MASKED = -1e30f;

  private Attention() {}

  /**
   * Additive causal mask [T, T]: 0 where query t may see key s (s <= t, and t - s < window when a
   * sliding window is set), a large negative number elsewhere.
   */
  public static NDArray causalMask(NDManager manager, long t, int slidingWindow) {
    NDArray query = manager.arange(0f, t, 1f, DataType.FLOAT32).reshape(t, 1);
    NDArray key = manager.arange(0f, t, 1f, DataType.FLOAT32).reshape(1, t);
    NDArray hidden = key.gt(query);
    if (slidingWindow > 0) {
      hidden = hidden.logicalOr(query.sub(key).gte(slidingWindow));
    }
    return hidden.toType(DataType.FLOAT32, false).mul(MASKED);
  }

  /**
   * Causal self-attention with grouped-query heads.
   *
   * @param q [B, T, H, hs]
   * @param k [B, T, KV, hs], H a multiple of KV: query head h reads kv head h / (H / KV)
   * @param v [B, T, KV, hs]
   * @param mask [T, T] from {@link #causalMask}
   * @return [B, T, H * hs]
   */
  public static NDArray selfAttention(NDArray q, NDArray k, NDArray v, NDArray mask) {
    Shape shape = q.getShape();
    long b = shape.get(0);
    long t = shape.get(1);
    long h = shape.get(2);
    long hs = shape.get(3);
    long kv = k.getShape().get(2);
    if (kv != h) {
      k = repeatHeads(k, h / kv);
      v = repeatHeads(v, h / kv);
    }
    NDArray qh = q.transpose(0, 2, 1, 3); // [B, H, T, hs]
    NDArray kh = k.transpose(0, 2, 3, 1); // [B, H, hs, T]
    NDArray vh = v.transpose(0, 2, 1, 3); // [B, H, T, hs]
    // An engine scalar, not muli(Number): DJL makes a Number into an array over a Java buffer and
    // frees it at once, but autograd keeps it for the backward pass (training read freed memory).
    NDArray scale = q.getManager().full(new Shape(), (float) (1.0 / Math.sqrt(hs)), q.getDataType());
    NDArray scores = qh.matMul(kh).muli(scale).addi(mask); // [B, H, T, T]
    NDArray out = scores.softmax(-1).matMul(vh); // [B, H, T, hs]
    return out.transpose(0, 2, 1, 3).reshape(b, t, h * hs);
  }

  /** [B, T, KV, hs] to [B, T, KV * rep, hs], each kv head repeated rep times in place. */
  private static NDArray repeatHeads(NDArray x, long rep) {
    Shape s = x.getShape();
    return x.expandDims(3)
        .broadcast(s.get(0), s.get(1), s.get(2), rep, s.get(3))
        .reshape(s.get(0), s.get(1), s.get(2) * rep, s.get(3));
  }
}

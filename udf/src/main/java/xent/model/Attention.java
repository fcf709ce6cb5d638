package xent.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/** Scaled dot-product self-attention shared by the model families. */
public final class Attention {

  /** Queries per block of causal attention (longer sequences are cut into blocks). */
  static final long QUERY_BLOCK = 256;

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
   * The mask of every layer [T, T]: the full causal mask, or the sliding one for the layers whose
   * config says so. Each distinct mask is built once per batch.
   */
  public static NDArray[] layerMasks(NDManager manager, long t, ModelConfig config) {
    NDArray full = causalMask(manager, t, 0);
    NDArray sliding =
        config.slidingWindow() > 0 ? causalMask(manager, t, config.slidingWindow()) : full;
    NDArray[] masks = new NDArray[config.nLayers()];
    for (int i = 0; i < masks.length; i++) {
      masks[i] = config.windowOf(i) > 0 ? sliding : full;
    }
    return masks;
  }

  /**
   * Causal self-attention with grouped-query heads.
   *
   * @param q [B, T, H, hs]
   * @param k [B, T, KV, hs], H a multiple of KV: query head h reads kv head h / (H / KV)
   * @param v [B, T, KV, hs]
   * @param mask [T, T] from {@link #causalMask}, or [H, T, T] when it also carries a per-head
   *     bias ({@link Alibi})
   * @param scale the factor of the q.k scores (1 / sqrt(hs) in most families)
   * @return [B, T, H * hs]
   */
  public static NDArray selfAttention(NDArray q, NDArray k, NDArray v, NDArray mask, double scale) {
    return selfAttention(q, k, v, mask, scale, 0);
  }

  /**
   * Causal self-attention whose scaled scores are soft-capped, cap * tanh(score / cap), before
   * the mask (Gemma 2's attn_logit_softcapping); {@code softCap} 0 leaves them as they are.
   */
  public static NDArray selfAttention(
      NDArray q, NDArray k, NDArray v, NDArray mask, double scale, double softCap) {
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
    // Scaling q costs T * hs multiplications a head; scaling the scores would cost T * T.
    // An engine scalar, not mul(Number): DJL makes a Number into an array over a Java buffer and
    // frees it at once, but autograd keeps it for the backward pass (training read freed memory).
    NDArray factor = q.getManager().full(new Shape(), (float) scale, q.getDataType());
    NDArray qh = q.mul(factor).transpose(0, 2, 1, 3); // [B, H, T, hs]
    NDArray kh = k.transpose(0, 2, 3, 1); // [B, H, hs, T]
    NDArray vh = v.transpose(0, 2, 1, 3); // [B, H, T, hs]
    NDArray out; // [B, H, T, hs]
    if (t <= QUERY_BLOCK) {
      out = SoftCap.apply(qh.matMul(kh), softCap).addi(mask).softmax(-1).matMul(vh);
    } else {
      // Causal attention in blocks of queries: block [from, to) needs only keys [0, to), so
      // about half of the T x T scores are never computed, and only one block's scores are
      // alive at a time.
      NDList blocks = new NDList();
      for (long from = 0; from < t; from += QUERY_BLOCK) {
        long to = Math.min(t, from + QUERY_BLOCK);
        NDArray scores = SoftCap.apply(qh.get(":, :, " + from + ":" + to)
            .matMul(kh.get(":, :, :, 0:" + to)), softCap)
            .addi(mask.get("..., " + from + ":" + to + ", 0:" + to)); // [B, H, to - from, to]
        NDArray weights = scores.softmax(-1);
        scores.close();
        blocks.add(weights.matMul(vh.get(":, :, 0:" + to))); // [B, H, to - from, hs]
        weights.close();
      }
      out = NDArrays.concat(blocks, 2);
      blocks.close();
    }
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

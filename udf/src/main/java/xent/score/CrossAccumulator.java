package xent.score;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * Cross terms of two models A and B at the same positions, over the same vocabulary tiles:
 * T1 = sum w_A (z_B - m_B) and T2 = sum w_A (z_B - m_B)^2, in A's frame (w_A = e^(z_A - m_A)),
 * so that E_{p_A}[log p_B] = T1/S0_A - log S0_B and Var_{p_A}[log p_B] = T2/S0_A - (T1/S0_A)^2.
 *
 * <p>Centring z_B on B's running max keeps T1 and T2 small and of one sign, as in {@link
 * SoftmaxAccumulator}; when B's max moves by d_B <= 0, (z_B - m_B') = (z_B - m_B) + d_B.
 */
final class CrossAccumulator {

  private final NDManager scope;
  private NDArray t1;
  private NDArray t2;

  CrossAccumulator(NDManager scope) {
    this.scope = scope;
  }

  /**
   * Takes the tile both accumulators hold; call after both {@code rescale} and before A's
   * {@code accumulate}, so that A's S0 is its sum over the earlier tiles in the new frame.
   */
  void add(SoftmaxAccumulator a, SoftmaxAccumulator b) {
    NDArray s0 = a.s0(); // [c, 1]
    NDArray dB = b.shift();
    if (t1 == null) {
      t1 = keep(s0.zerosLike());
      t2 = keep(s0.zerosLike());
    }
    NDArray et1 = t1.mul(a.scale());
    NDArray et2 = t2.mul(a.scale());
    NDArray t2Shifted = et2.add(et1.mul(dB).mul(2)).add(s0.mul(dB).mul(dB));
    NDArray t1Shifted = et1.add(s0.mul(dB));
    NDArray wz = a.weights().mul(b.centred()); // [c, t]
    t1 = keep(t1Shifted.add(wz.sum(new int[] {1}, true)));
    t2 = keep(t2Shifted.add(wz.mul(b.centred()).sum(new int[] {1}, true)));
  }

  /** E_{p_A}[log p_B] and its variance per position, copied to the host. */
  CrossMoments finish(SoftmaxAccumulator a, SoftmaxAccumulator b) {
    NDArray mean = t1.div(a.s0());
    NDArray expected = mean.sub(b.logS0());
    NDArray variance = t2.div(a.s0()).sub(mean.mul(mean)).maximum(0f);
    return new CrossMoments(expected.toFloatArray(), variance.toFloatArray());
  }

  private NDArray keep(NDArray next) {
    next.attach(scope);
    return next;
  }
}

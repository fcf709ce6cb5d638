package xent;

/**
 * The tolerances of the numeric tests of both modules, each derived from the arithmetic it checks.
 *
 * <p><b>float32 forward passes.</b> The unit roundoff of float32 is u = 2^-24 ~ 6e-8. One matrix
 * product over an inner dimension d has a relative error of about sqrt(d) u for random-signed
 * terms (d u worst case); d is 16 to 768 here, and two machines do not compute the same float32
 * result: PyTorch's kernels (oneDNN, AVX-512 vs AVX2, another thread split) sum in another order
 * and use other exp/log approximations. We take {@link #FLOAT32_OP} = 1e-6 relative per operation
 * (matmul, norm, softmax) as the difference between any two correct float32 evaluations, which
 * covers sqrt(768) u = 1.7e-6 within a small factor and is what separate CPUs were seen to differ by.
 * A decoder adds one such error per block (the residual stream carries it on, so errors add
 * rather than multiply while each block's gain stays near one), plus the embedding and the head:
 * layers + 2 operations in series. A log-prob is logit[target] - logsumexp(logits): its error is
 * absolute, relative to the logits' magnitude rather than to the log-prob (a confident token has a
 * log-prob near 0 but logits of size ~10); {@link #LOGIT_SCALE} = 16 bounds the logits of the
 * models tested (|logit| and -log p stay below 16 nats for vocabularies up to 32k). So one token's
 * log-prob is within {@link #perToken(int)} = 1e-6 (layers + 2) 16: 1.1e-4 for the 5 layers of
 * stories260K, 6.4e-5 for the 2-layer random models.
 *
 * <p><b>Sums over tokens.</b> A document's log-prob sums n per-token values in double. The
 * per-token errors are not independent: the tokens of one window share its activations, its
 * kernels and its summation order, so their errors lean the same way; a random walk (sqrt(n))
 * would understate them. {@link #forwardSum(long, int)} takes the worst case, n perToken(layers):
 * 0.22 nats for the 1968 tokens of the reference story. That is still far below what a bug moves:
 * a token scored with the wrong context or a lost window changes a sum by whole nats (W = 128 vs
 * W = 512 on the same story differs by 186 nats), and token counts are asserted exactly besides.
 *
 * <p><b>double reductions</b> of n terms err by at most n 2^-53 ~ 1.1e-16 n relative to the sum of
 * the terms' magnitudes: {@link #doubleSum(double)} is 1e-12 relative, which holds up to n ~ 9000
 * terms, and everything summed in double here is shorter.
 *
 * <p><b>Invariances</b> (batching, padding, order, threads, chunking) are asserted bit-exact
 * where the arithmetic is identical (the same batch shapes run through the same kernels), and with
 * the forward tolerance where it is not: a different batch shape or padding picks other kernel
 * blocking, and on AVX-512 two rows of one batch can differ in their last bits.
 */
public final class Tolerance {

  /** float32 unit roundoff, 2^-24. */
  public static final double FLOAT32_UNIT = 0x1p-24;

  /** Relative difference of two correct float32 evaluations of one operation (see class doc). */
  public static final double FLOAT32_OP = 1e-6;

  /** Bound on |logit| and -log p of the tested models, nats. */
  public static final double LOGIT_SCALE = 16;

  /**
   * Absolute difference of one log-prob between two float64 reference implementations reading the
   * same float32 weights: not double rounding alone (1e-12 relative would give 2e-11), because a
   * reference may hold constants as llama2.c does, in float32 (1e-5f is 1e-5 (1 - 2.5e-8) as norm
   * epsilon, rope frequencies from powf). Java's and numpy's references of stories260K differ by
   * at most 4e-10 over the 1920 tokens of the reference story; 1e-9 bounds that.
   */
  public static final double FLOAT64_REFERENCES = 1e-9;

  /** Relative error of a double reduction (up to ~9000 terms). */
  public static final double DOUBLE_SUM = 1e-12;

  /**
   * Relative difference between the streaming moments of a float32 row of logits (entropy H,
   * variance sigma2 of log p, E_pA[log pB] and its variance; {@code xent.score.VocabularyPass})
   * and a float64 full softmax of the same float32 values.
   *
   * <p>Every term of the max-centred sums S0 = sum w, S1 = sum w (z - m), S2 = sum w (z - m)^2
   * carries about 3 roundings (z - m, exp to 1 ulp, the products): 3u. The sums have one sign, so
   * their relative error is that of the terms plus the summation's: PyTorch sums a tile of t
   * float32 values by cascade summation (log2 t roundings deep, 13 for t = 8192), and the running
   * sums take V/t more additions plus 4 roundings per rescale, each independent. Taken as a random
   * walk, S is within sqrt(3^2 + 13 + 5 V/t) u = 14u ~ 8e-7 relative for V = 262,144 in 32 tiles
   * (the worst case, all roundings one way, is 3 + 13 + 5 * 32 = 176u ~ 1e-5). H = ln S0 - S1/S0
   * adds two terms of one sign (S1 <= 0), so H keeps S's relative error, about 2e-6.
   * sigma2 = S2/S0 - (S1/S0)^2 is the one subtraction: it amplifies the error by
   * kappa = (S2/S0) / sigma2, the squared distance of the p-weighted mean below the max in units
   * of the spread, which is 1 to ~17 on the tested rows (17 for N(0, 1) logits over 262,144
   * entries, whose p-weighted mean sits 4 standard deviations under the max). 14u kappa 2 ~ 3e-5 at
   * worst for that row. Measured (VocabularyPassTest prints them): at most 1.1e-6 on H and 3.2e-6
   * on sigma2 (V = 262,144), so the bound of 1e-5 holds with a factor of 3 to spare.
   */
  public static final double MOMENTS = 1e-5;

  private Tolerance() {}

  /** Absolute tolerance on a float32 log-partition or log-prob of size {@code value} nats. */
  public static double momentsAbsolute(double value) {
    return MOMENTS * Math.max(1, Math.abs(value));
  }

  /** Absolute tolerance on one token's float32 log-prob (or entropy) from a decoder of {@code layers}. */
  public static double perToken(int layers) {
    if (layers < 1) {
      throw new IllegalArgumentException("layers must be at least 1, got " + layers);
    }
    return FLOAT32_OP * (layers + 2) * LOGIT_SCALE;
  }

  /** Absolute tolerance on the double sum of {@code nTokens} float32 log-probs: the worst case. */
  public static double forwardSum(long nTokens, int layers) {
    if (nTokens < 0) {
      throw new IllegalArgumentException("nTokens must be non-negative, got " + nTokens);
    }
    return Math.max(1, nTokens) * perToken(layers);
  }

  /** Absolute tolerance on a double reduction whose terms have magnitudes summing to {@code magnitude}. */
  public static double doubleSum(double magnitude) {
    return DOUBLE_SUM * Math.max(1, Math.abs(magnitude));
  }

  /** Half a unit in the last printed place of a number printed with {@code decimals} decimals. */
  public static double printed(int decimals) {
    return 0.5 * Math.pow(10, -decimals);
  }
}

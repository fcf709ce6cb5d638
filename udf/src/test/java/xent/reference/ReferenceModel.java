package xent.reference;

import xent.model.checkpoint.Checkpoint;

/**
 * An independent float64 forward pass in plain Java (double arrays and loops, no engine), against
 * which tests check the float32 engine path. Each call is a fresh sequence: no cache between calls.
 */
public interface ReferenceModel {

  /** The reference model of the checkpoint's family, its weights widened to double once. */
  static ReferenceModel of(Checkpoint checkpoint) {
    return switch (checkpoint.config().family()) {
      case LLAMA -> new ReferenceLlama(checkpoint);
      case GPT2 -> new ReferenceGpt2(checkpoint);
      case GPT_NEOX, GEMMA, GEMMA2, OLMO, OLMO2, STABLELM, PHI, GPTJ,
          PHI3, OPT, BLOOM, FALCON -> throw new UnsupportedOperationException(
          "no float64 reference for " + checkpoint.config().family()
              + ": its test compares with transformers' own numbers");
    };
  }

  /** Next-token logits after every input position, [T, vocabSize]. */
  double[][] logits(int[] inputIds);

  /** Next-token log-probabilities (log-softmax of the logits, in double) per position, [T, V]. */
  default double[][] logProbs(int[] inputIds) {
    double[][] logits = logits(inputIds);
    double[][] out = new double[logits.length][];
    for (int t = 0; t < logits.length; t++) {
      out[t] = Kernels.logSoftmax(logits[t]);
    }
    return out;
  }

  /** log p(targets[t] | inputIds[0..t]) for every position t; targets is as long as inputIds. */
  default double[] targetLogProbs(int[] inputIds, int[] targets) {
    if (targets.length != inputIds.length) {
      throw new IllegalArgumentException(
          "targets (" + targets.length + ") must be as long as inputIds (" + inputIds.length + ")");
    }
    double[][] rows = logProbs(inputIds);
    double[] out = new double[targets.length];
    for (int t = 0; t < targets.length; t++) {
      out[t] = rows[t][targets[t]];
    }
    return out;
  }

  /** Entropy in nats, -sum p log p, of one log-probability row. */
  static double entropy(double[] logProbRow) {
    double entropy = 0;
    for (double logP : logProbRow) {
      if (logP > Double.NEGATIVE_INFINITY) { // 0 log 0 = 0
        entropy -= Math.exp(logP) * logP;
      }
    }
    return entropy;
  }

  /** 1-based rank of {@code target}: 1 + the number of ids with a strictly higher log-prob. */
  static int rank(double[] logProbRow, int target) {
    int higher = 0;
    for (double logP : logProbRow) {
      if (logP > logProbRow[target]) {
        higher++;
      }
    }
    return higher + 1;
  }
}

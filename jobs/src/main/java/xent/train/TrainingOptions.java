package xent.train;

import java.io.Serializable;
import xent.model.ModelConfig;

/**
 * What to train and how.
 *
 * @param family GPT-2 or Llama
 * @param dim residual width
 * @param layers transformer blocks
 * @param heads query heads (dim must be a multiple)
 * @param kvHeads key/value heads (Llama; 0: as many as heads)
 * @param hidden feed-forward width (0: 4 dim for GPT-2, 8/3 dim rounded up to 8 for Llama)
 * @param context T, tokens per training window (GPT-2's learned positions)
 * @param batch windows per step
 * @param steps optimizer steps
 * @param lr peak learning rate
 * @param minLr learning rate of the last step
 * @param warmup linear warmup steps
 * @param schedule cosine or WSD after warmup
 * @param decayFraction WSD: share of steps in the final decay
 * @param weightDecay AdamW decoupled weight decay
 * @param clip global gradient norm limit (0: none)
 * @param seed initial weights and window order
 * @param checkpointEvery write DIR/step-K/ and score validation every K steps (0: never)
 * @param validWindows most validation windows per domain
 */
public record TrainingOptions(
    ModelConfig.Family family,
    int dim,
    int layers,
    int heads,
    int kvHeads,
    int hidden,
    int context,
    int batch,
    int steps,
    double lr,
    double minLr,
    int warmup,
    LearningRateSchedule.Shape schedule,
    double decayFraction,
    double weightDecay,
    double clip,
    long seed,
    int checkpointEvery,
    int validWindows) implements Serializable {

  public TrainingOptions {
    if (family != ModelConfig.Family.GPT2 && family != ModelConfig.Family.LLAMA) {
      throw new IllegalArgumentException(
          "family " + family + " is scored, not trained: xent trains gpt2 and llama");
    }
    positive("dim", dim);
    positive("layers", layers);
    positive("heads", heads);
    positive("context", context);
    positive("batch", batch);
    positive("steps", steps);
    if (dim % heads != 0) {
      throw new IllegalArgumentException("dim " + dim + " must be a multiple of heads " + heads);
    }
    if (kvHeads < 0 || hidden < 0 || checkpointEvery < 0 || validWindows < 0 || !(clip >= 0)) {
      throw new IllegalArgumentException("kv-heads, hidden, checkpoint-every, valid windows and"
          + " clip must be >= 0");
    }
    new LearningRateSchedule(schedule, lr, minLr, warmup, steps, decayFraction); // checks them
  }

  private static void positive(String name, int value) {
    if (value <= 0) {
      throw new IllegalArgumentException(name + " must be positive, found " + value);
    }
  }

  /** Steps that see about {@code tokens} training tokens in windows of batch x context. */
  public static int stepsFor(long tokens, int batch, int context) {
    return Math.toIntExact(Math.max(1, (tokens + (long) batch * context - 1) / ((long) batch * context)));
  }

  /** Training tokens per step: batch x context. */
  public long tokensPerStep() {
    return (long) batch * context;
  }

  /** The learning rate of every step. */
  public LearningRateSchedule learningRates() {
    return new LearningRateSchedule(schedule, lr, minLr, warmup, steps, decayFraction);
  }

  /** The model these options describe, for a tokenizer of {@code vocabSize} ids. */
  public ModelConfig modelConfig(int vocabSize, int bosId, int eosId) {
    boolean gpt2 = family == ModelConfig.Family.GPT2;
    int ffn = hidden > 0 ? hidden : gpt2 ? 4 * dim : (8 * dim / 3 + 7) / 8 * 8;
    return new ModelConfig(
        family, vocabSize, dim, layers, heads, gpt2 || kvHeads == 0 ? heads : kvHeads,
        dim / heads, ffn, context, 1e-5, 10000, null, true, false, 0, bosId, eosId);
  }

  /** The same options with another number of steps. */
  public TrainingOptions withSteps(int newSteps) {
    return new TrainingOptions(family, dim, layers, heads, kvHeads, hidden, context, batch,
        newSteps, lr, minLr, Math.min(warmup, newSteps - 1), schedule, decayFraction, weightDecay,
        clip, seed, checkpointEvery, validWindows);
  }
}

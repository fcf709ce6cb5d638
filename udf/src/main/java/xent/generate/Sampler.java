package xent.generate;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import xent.model.CausalLm;
import xent.model.LoadedModel;

/**
 * Continuations of prompts drawn from a model, many prompts of one length at a time: every step
 * runs the batch [B, T] of prefix token, prompt and tokens drawn so far through the model (no
 * cache: the demo's models are small and contexts short), takes each row's last logits to the
 * host (one row of V floats) and draws the next token with its own seeded random stream. A row
 * that draws EOS stops there. Reruns with the same prompts, seeds and batch give the same tokens.
 */
public final class Sampler implements AutoCloseable {

  private final LoadedModel model;
  private final SamplingOptions options;
  private final NDManager manager;

  public Sampler(LoadedModel model, SamplingOptions options) {
    this.model = model;
    this.options = options;
    this.manager = model.lm().head().getManager().newSubManager();
  }

  /**
   * The drawn tokens after each prompt (without the prompt, EOS not included).
   *
   * @param prompts token ids of one length each, without the prefix token
   * @param seeds one seed per prompt
   * @throws IllegalArgumentException when prompts differ in length or the prompt and the new
   *     tokens exceed the model's context
   */
  public List<int[]> sample(List<int[]> prompts, long[] seeds) {
    if (prompts.isEmpty()) {
      return List.of();
    }
    int rows = prompts.size();
    int promptLength = prompts.get(0).length;
    for (int[] p : prompts) {
      if (p.length != promptLength) {
        throw new IllegalArgumentException("prompts of one batch need one length, found " + promptLength
            + " and " + p.length);
      }
    }
    if (seeds.length != rows) {
      throw new IllegalArgumentException(rows + " prompts need " + rows + " seeds, found " + seeds.length);
    }
    int context = model.config().maxPositions();
    if (1 + promptLength + options.newTokens() - 1 > context) {
      throw new IllegalArgumentException("model " + model.name() + ": the prefix token, " + promptLength
          + " prompt tokens and " + options.newTokens() + " new tokens exceed its context of " + context);
    }
    int eos = model.tokenizer().eosId();
    int width = 1 + promptLength + options.newTokens() - 1; // the last drawn token is never fed
    long[] ids = new long[rows * width];
    for (int r = 0; r < rows; r++) {
      ids[r * width] = model.tokenizer().prefixId();
      for (int t = 0; t < promptLength; t++) {
        ids[r * width + 1 + t] = prompts.get(r)[t];
      }
    }
    SplittableRandom[] random = new SplittableRandom[rows];
    for (int r = 0; r < rows; r++) {
      random[r] = new SplittableRandom(seeds[r]);
    }
    int[][] drawn = new int[rows][options.newTokens()];
    int[] lengths = new int[rows];
    boolean[] stopped = new boolean[rows];
    CausalLm lm = model.lm();
    int drawable = Math.min(model.config().vocabSize(), model.tokenizer().vocabSize()); // no padded head rows
    for (int step = 0; step < options.newTokens(); step++) {
      int length = 1 + promptLength + step;
      float[][] last = lastLogits(lm, ids, rows, width, length);
      for (int r = 0; r < rows; r++) {
        // drawn even once stopped, so that each row's stream is the same whatever the others do
        int token = NucleusSampler.draw(Arrays.copyOf(last[r], drawable), options, random[r]);
        if (!stopped[r]) {
          if (token == eos) {
            stopped[r] = true;
          } else {
            drawn[r][lengths[r]++] = token;
          }
        }
        if (length < width) {
          ids[r * width + length] = token;
        }
      }
    }
    List<int[]> out = new ArrayList<>(rows);
    for (int r = 0; r < rows; r++) {
      out.add(Arrays.copyOf(drawn[r], lengths[r]));
    }
    return out;
  }

  /** Each row's next-token logits after its first {@code length} ids, [B][V] on the host. */
  private float[][] lastLogits(CausalLm lm, long[] ids, int rows, int width, int length) {
    try (NDManager scope = manager.newSubManager()) {
      long[] batch = new long[rows * length];
      for (int r = 0; r < rows; r++) {
        System.arraycopy(ids, r * width, batch, r * length, length);
      }
      NDArray hidden = lm.hiddenStates(scope.create(batch, new Shape(rows, length))); // [B, T, dim]
      NDArray lastHidden = hidden.get(":, " + (length - 1) + ", :"); // [B, dim]
      float[] flat = lm.logits(lastHidden).toType(DataType.FLOAT32, false).toFloatArray(); // [B * V]
      int v = flat.length / rows;
      float[][] out = new float[rows][];
      for (int r = 0; r < rows; r++) {
        out[r] = Arrays.copyOfRange(flat, r * v, (r + 1) * v);
      }
      return out;
    }
  }

  @Override
  public void close() {
    manager.close();
  }
}

package xent.score;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.IntConsumer;
import xent.model.CausalLm;
import xent.model.LoadedModel;
import xent.model.RopeScaling;

/**
 * Teacher-forced token log-probabilities of documents under one model.
 *
 * <p>A scorer belongs to one thread; many scorers may share one {@link LoadedModel}. Each call
 * cuts documents into windows ({@link TokenWindows}), sorts the windows by length so that
 * batches carry little padding, packs them under a token budget, and runs every batch inside its
 * own {@link NDManager} scope. Log-softmax and the gather of targets run on the engine in chunks
 * of rows, so the [B, T, V] logits never reach the Java heap.
 *
 * <p>A progress listener hears of every batch as it finishes, so a caller can show progress
 * inside one long document, whose windows span many batches.
 */
public final class Scorer implements AutoCloseable {

  private final LoadedModel model;
  private final ScoringOptions options;
  private final int maxLength;
  private final NDManager manager;
  private final IntConsumer progress;

  public Scorer(LoadedModel model, ScoringOptions options) {
    this(model, options, tokens -> {});
  }

  /**
   * A scorer that reports to {@code progress} the number of tokens each batch scored, right after
   * the batch (on the calling thread).
   *
   * @throws IllegalArgumentException when the window is longer than the model's context
   */
  public Scorer(LoadedModel model, ScoringOptions options, IntConsumer progress) {
    this.model = model;
    this.options = options;
    this.progress = progress;
    this.maxLength = windowLength(model.name(), model.config().maxPositions(), options);
    this.manager = model.lm().head().getManager().newSubManager();
  }

  /**
   * The window length {@code options} give a model of {@code context} positions: its context
   * when they say 0. Longer windows are refused for every family: past its context a model with
   * learned positions has no embedding to look up, and a rotary one computes numbers it was never
   * trained for, without a word.
   *
   * @throws IllegalArgumentException naming the model and both numbers
   */
  public static int windowLength(String modelName, int context, ScoringOptions options) {
    int maxLength = options.maxLength() == 0 ? context : options.maxLength();
    if (maxLength > context) {
      throw new IllegalArgumentException("model " + modelName + ": --max-length " + maxLength
          + " exceeds its context of " + context + " positions; use --max-length " + context
          + " or less");
    }
    if (options.stride() > maxLength) {
      throw new IllegalArgumentException(
          "stride " + options.stride() + " exceeds max length " + maxLength);
    }
    return maxLength;
  }

  /** The window length in use (the model's context when the options said 0). */
  public int maxLength() {
    return maxLength;
  }

  /** Scores texts, returning results in input order. */
  public List<DocumentScore> scoreTexts(List<String> texts, boolean keepTokens) {
    List<int[]> tokens = new ArrayList<>(texts.size());
    for (String text : texts) {
      tokens.add(model.tokenizer().encode(text));
    }
    List<TokenScores> scores = scoreTokens(tokens);
    List<DocumentScore> out = new ArrayList<>(texts.size());
    for (int i = 0; i < texts.size(); i++) {
      out.add(DocumentScore.of(texts.get(i), scores.get(i), keepTokens));
    }
    return out;
  }

  /** Scores token sequences (without the prefix token), returning results in input order. */
  public List<TokenScores> scoreTokens(List<int[]> documents) {
    int prefix = model.tokenizer().prefixId();
    List<Pending> pending = new ArrayList<>();
    List<TokenScores> results = new ArrayList<>(documents.size());
    for (int d = 0; d < documents.size(); d++) {
      int[] tokens = documents.get(d);
      checkIds(d, tokens);
      int n = tokens.length;
      results.add(new TokenScores(
          new float[n], options.entropy() ? new float[n] : null, options.rank() ? new int[n] : null));
      for (TokenWindow w : TokenWindows.plan(n, maxLength, options.stride())) {
        pending.add(new Pending(tokens, prefix, w, results.get(d)));
      }
    }
    pending.sort(Comparator.comparingInt((Pending p) -> p.window.inputLength()).reversed());
    int start = 0;
    while (start < pending.size()) {
      int longest = pending.get(start).window.inputLength();
      int rows = Math.max(1, Math.min(pending.size() - start, options.tokenBudget() / longest));
      rows = rowsOfOneFrequencyClass(pending, start, rows);
      progress.accept(runBatch(pending.subList(start, start + rows), longest));
      start += rows;
    }
    return results;
  }

  /**
   * The leading rows of {@code pending[start, start + rows)} whose windows get the rope
   * frequencies of the first: longrope and dynamic scaling choose them from the sequence length,
   * which for HF is that of the forward call (an lm-eval window); a window padded into a batch of
   * longer ones must still get its own length's frequencies.
   */
  private int rowsOfOneFrequencyClass(List<Pending> pending, int start, int rows) {
    RopeScaling scaling = model.config().ropeScaling();
    if (scaling == null || !scaling.dependsOnLength()) {
      return rows;
    }
    int context = model.config().maxPositions();
    long first = scaling.lengthClass(pending.get(start).window.inputLength(), context);
    int n = 1;
    while (n < rows
        && scaling.lengthClass(pending.get(start + n).window.inputLength(), context) == first) {
      n++;
    }
    return n;
  }

  private void checkIds(int document, int[] tokens) {
    int vocab = model.config().vocabSize();
    for (int i = 0; i < tokens.length; i++) {
      if (tokens[i] < 0 || tokens[i] >= vocab) {
        throw new IllegalArgumentException(
            "document " + document + ": token " + i + " has id " + tokens[i]
                + ", outside the model's vocabulary of " + vocab);
      }
    }
  }

  /** A window waiting for its batch, and where its results go. */
  private record Pending(int[] tokens, int prefix, TokenWindow window, TokenScores into) {

    /** Token of the sequence [prefix] + tokens at {@code position}. */
    int at(int position) {
      return position == 0 ? prefix : tokens[position - 1];
    }
  }

  /** Scores one batch into its documents' arrays; returns the number of tokens scored. */
  private int runBatch(List<Pending> batch, int length) {
    int rows = batch.size();
    long[] ids = new long[rows * length]; // right-padded with id 0
    int nScored = 0;
    for (Pending p : batch) {
      nScored += p.window.scoredLength();
    }
    long[] scored = new long[nScored]; // flat [B * T] index of each scored position, row-major
    int s = 0;
    for (int r = 0; r < rows; r++) {
      TokenWindow w = batch.get(r).window;
      for (int i = 0; i < w.inputLength(); i++) {
        ids[r * length + i] = batch.get(r).at(w.inputStart() + i);
      }
      for (int i = w.firstScoredInput(); i < w.inputLength(); i++) {
        scored[s++] = (long) r * length + i;
      }
    }
    long[] targets = new long[nScored]; // in the row-major order of the scored positions
    int k = 0;
    for (Pending p : batch) {
      for (int pos = p.window.targetStart(); pos < p.window.targetEnd(); pos++) {
        targets[k++] = p.at(pos);
      }
    }

    float[] logprob = new float[nScored];
    float[] entropy = options.entropy() ? new float[nScored] : null;
    int[] rank = options.rank() ? new int[nScored] : null;
    CausalLm lm = model.lm();
    try (NDManager scope = manager.newSubManager()) {
      NDArray tokens = scope.create(ids, new Shape(rows, length));
      NDArray hidden = lm.hiddenStates(tokens); // [B, T, dim]
      NDArray rowsScored = hidden.reshape(rows * (long) length, -1)
          .get(scope.create(scored)); // [R, dim]
      long vocab = lm.head().getShape().get(0);
      int chunk = (int) Math.max(1, Math.min(nScored, options.logitsChunkBytes() / (4 * vocab)));
      for (int from = 0; from < nScored; from += chunk) {
        int to = Math.min(nScored, from + chunk);
        try (NDManager chunkScope = scope.newSubManager()) {
          NDArray h = rowsScored.get(from + ":" + to);
          h.attach(chunkScope); // everything computed from h now dies with chunkScope
          NDArray target = chunkScope.create(java.util.Arrays.copyOfRange(targets, from, to))
              .reshape(to - from, 1);
          scoreChunk(lm, h, target, from, logprob, entropy, rank);
        }
      }
    }

    k = 0;
    for (Pending p : batch) {
      TokenWindow w = p.window;
      int n = w.scoredLength();
      int offset = w.targetStart() - 1; // index in the document's tokens
      System.arraycopy(logprob, k, p.into.logprob(), offset, n);
      if (entropy != null) {
        System.arraycopy(entropy, k, p.into.entropy(), offset, n);
      }
      if (rank != null) {
        System.arraycopy(rank, k, p.into.rank(), offset, n);
      }
      k += n;
    }
    return nScored;
  }

  /** Log-softmax over the vocabulary and the gather of targets, on the engine, in float32. */
  private static void scoreChunk(
      CausalLm lm, NDArray h, NDArray target, int offset, float[] logprob, float[] entropy,
      int[] rank) {
    NDArray logits = lm.logits(h).toType(DataType.FLOAT32, false); // [c, V]
    NDArray logp = logits.logSoftmax(-1); // [c, V]
    NDArray targetLogp = logp.gather(target, 1); // [c, 1]
    float[] lp = targetLogp.toFloatArray();
    System.arraycopy(lp, 0, logprob, offset, lp.length);
    if (entropy != null) {
      float[] e = logp.exp().mul(logp).sum(new int[] {-1}).neg().toFloatArray();
      System.arraycopy(e, 0, entropy, offset, e.length);
    }
    if (rank != null) {
      long[] above = logp.gt(targetLogp).sum(new int[] {-1}).toLongArray();
      for (int i = 0; i < above.length; i++) {
        rank[offset + i] = (int) above[i] + 1;
      }
    }
  }

  @Override
  public void close() {
    manager.close();
  }
}

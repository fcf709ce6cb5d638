package xent.score;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntConsumer;
import xent.model.CausalLm;
import xent.model.LoadedModel;

/**
 * Teacher-forced token log-probabilities of documents under one model.
 *
 * <p>A scorer belongs to one thread; many scorers may share one {@link LoadedModel}. Each call
 * cuts documents into windows and packs them into batches ({@link WindowBatch}), and runs every
 * batch inside its own {@link NDManager} scope. Log-softmax and the gather of targets run on the
 * engine in chunks of rows, so the [B, T, V] logits never reach the Java heap. With {@link
 * ScoringOptions#moments()} the log-softmax gives way to one streaming pass over vocabulary tiles
 * ({@link VocabularyPass}) that also returns the entropy, the variance of log p and the
 * log-partition.
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
  private final StageTimes times = new StageTimes();

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

  /** Where this scorer's time went so far, stage by stage. */
  public StageTimes times() {
    return times;
  }

  /** Scores texts, returning results in input order. */
  public List<DocumentScore> scoreTexts(List<String> texts, boolean keepTokens) {
    List<int[]> tokens = new ArrayList<>(texts.size());
    long start = System.nanoTime();
    for (String text : texts) {
      tokens.add(model.tokenizer().encode(text));
    }
    times.add(StageTimes.Stage.TOKENISE, start);
    List<TokenScores> scores = scoreTokens(tokens);
    List<DocumentScore> out = new ArrayList<>(texts.size());
    for (int i = 0; i < texts.size(); i++) {
      out.add(DocumentScore.of(texts.get(i), scores.get(i), keepTokens));
    }
    return out;
  }

  /** Scores token sequences (without the prefix token), returning results in input order. */
  public List<TokenScores> scoreTokens(List<int[]> documents) {
    List<TokenScores> results = new ArrayList<>(documents.size());
    for (int d = 0; d < documents.size(); d++) {
      checkIds(model, d, documents.get(d));
      results.add(TokenScores.allocate(documents.get(d).length, options));
    }
    long start = System.nanoTime();
    List<WindowBatch> batches = WindowBatch.plan(documents, model.tokenizer().prefixId(), maxLength, options,
        length -> WindowBatch.frequencyClass(model, length));
    times.add(StageTimes.Stage.WINDOWS, start);
    for (WindowBatch batch : batches) {
      runBatch(batch, results);
      progress.accept(batch.scoredLength());
    }
    return results;
  }

  /** Refuses ids outside {@code model}'s vocabulary, naming the document, position and id. */
  static void checkIds(LoadedModel model, int document, int[] tokens) {
    int vocab = model.config().vocabSize();
    for (int i = 0; i < tokens.length; i++) {
      if (tokens[i] < 0 || tokens[i] >= vocab) {
        throw new IllegalArgumentException(
            "document " + document + ": token " + i + " has id " + tokens[i]
                + ", outside the model's vocabulary of " + vocab);
      }
    }
  }

  /** Scores one batch into its documents' arrays. */
  private void runBatch(WindowBatch batch, List<TokenScores> results) {
    int nScored = batch.scoredLength();
    float[] logprob = new float[nScored];
    float[] entropy = options.entropy() || options.moments() ? new float[nScored] : null;
    int[] rank = options.rank() || options.moments() ? new int[nScored] : null;
    float[] variance = options.moments() ? new float[nScored] : null;
    float[] lse = options.moments() ? new float[nScored] : null;
    CausalLm lm = model.lm();
    times.addBatch(nScored, batch.windowTokens(), (long) batch.rows * batch.length);
    try (NDManager scope = manager.newSubManager()) {
      long start = System.nanoTime();
      NDArray rowsScored = scoredHidden(lm, batch, scope); // [R, dim]
      times.add(StageTimes.Stage.FORWARD, start);
      int chunk = chunkRows(lm, options, nScored);
      for (int from = 0; from < nScored; from += chunk) {
        int to = Math.min(nScored, from + chunk);
        try (NDManager chunkScope = scope.newSubManager()) {
          NDArray h = rowsScored.get(from + ":" + to);
          h.attach(chunkScope); // everything computed from h now dies with chunkScope
          NDArray target = chunkScope.create(Arrays.copyOfRange(batch.targets, from, to))
              .reshape(to - from, 1);
          long headStart = System.nanoTime();
          if (options.moments()) {
            PositionMoments m = VocabularyPass.moments(LogitTiles.head(lm, h), target, options.vocabTile());
            System.arraycopy(m.logprob(), 0, logprob, from, to - from);
            System.arraycopy(m.entropy(), 0, entropy, from, to - from);
            System.arraycopy(m.rank(), 0, rank, from, to - from);
            System.arraycopy(m.variance(), 0, variance, from, to - from);
            System.arraycopy(m.logPartition(), 0, lse, from, to - from);
            times.add(StageTimes.Stage.HEAD, headStart);
          } else {
            scoreChunk(lm, h, target, from, logprob, entropy, rank, times, headStart);
          }
        }
      }
    }
    long copyStart = System.nanoTime();
    batch.scatter(logprob, d -> results.get(d).logprob());
    if (entropy != null) {
      batch.scatter(entropy, d -> results.get(d).entropy());
    }
    if (rank != null) {
      batch.scatter(rank, d -> results.get(d).rank());
    }
    if (variance != null) {
      batch.scatter(variance, d -> results.get(d).logprobVar());
      batch.scatter(lse, d -> results.get(d).logPartition());
    }
    times.add(StageTimes.Stage.COPY, copyStart);
  }

  /** Final-norm hidden states of the batch's scored positions, [R, dim], in {@code scope}. */
  static NDArray scoredHidden(CausalLm lm, WindowBatch batch, NDManager scope) {
    NDArray tokens = scope.create(batch.ids, new Shape(batch.rows, batch.length));
    NDArray hidden = lm.hiddenStates(tokens); // [B, T, dim]
    return hidden.reshape(batch.rows * (long) batch.length, -1).get(scope.create(batch.scored));
  }

  /**
   * Rows per chunk so that one chunk's float32 logits fit the options' bytes: a full row of
   * logits without moments, one vocabulary tile of them with.
   */
  static int chunkRows(CausalLm lm, ScoringOptions options, int nScored) {
    long vocab = lm.head().getShape().get(0);
    long width = options.moments() ? Math.min(vocab, options.vocabTile()) : vocab;
    return (int) Math.max(1, Math.min(nScored, options.logitsChunkBytes() / (4 * width)));
  }

  /**
   * Log-softmax over the vocabulary and the gather of targets, on the engine, in float32; the
   * engine's work is timed as the head, from {@code headStart}, the copy of results as the copy.
   */
  private static void scoreChunk(
      CausalLm lm, NDArray h, NDArray target, int offset, float[] logprob, float[] entropy,
      int[] rank, StageTimes times, long headStart) {
    NDArray logits = lm.logits(h).toType(DataType.FLOAT32, false); // [c, V]
    NDArray logp = logits.logSoftmax(-1); // [c, V]
    NDArray targetLogp = logp.gather(target, 1); // [c, 1]
    times.add(StageTimes.Stage.HEAD, headStart);
    long copyStart = System.nanoTime();
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
    times.add(StageTimes.Stage.COPY, copyStart);
  }

  @Override
  public void close() {
    manager.close();
  }
}

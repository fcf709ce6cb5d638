package xent.score;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import xent.model.LoadedModel;
import xent.model.RopeScaling;

/**
 * One batch of windows as the engine takes it: right-padded ids, the flat index of every scored
 * position and its target, and where each window's results go in its document's arrays.
 *
 * <p>{@link #plan} cuts documents into windows ({@link TokenWindows}), sorts them by length so
 * that batches carry little padding, and packs them under a token budget.
 */
final class WindowBatch {

  /** A window of one document; {@code document} indexes the caller's list. */
  record Window(int document, int[] tokens, int prefix, TokenWindow window) {

    /** Token of the sequence [prefix] + tokens at {@code position}. */
    int at(int position) {
      return position == 0 ? prefix : tokens[position - 1];
    }
  }

  final List<Window> windows;
  final int rows;
  final int length;
  final long[] ids; // [rows * length], right-padded with id 0
  final long[] scored; // flat [B * T] index of each scored position, row-major
  final long[] targets; // the token each scored position predicts, same order

  private WindowBatch(List<Window> windows, int length) {
    this.windows = windows;
    this.rows = windows.size();
    this.length = length;
    int nScored = 0;
    for (Window w : windows) {
      nScored += w.window.scoredLength();
    }
    ids = new long[rows * length];
    scored = new long[nScored];
    targets = new long[nScored];
    int s = 0;
    for (int r = 0; r < rows; r++) {
      Window p = windows.get(r);
      TokenWindow w = p.window;
      for (int i = 0; i < w.inputLength(); i++) {
        ids[r * length + i] = p.at(w.inputStart() + i);
      }
      for (int i = w.firstScoredInput(); i < w.inputLength(); i++) {
        scored[s] = (long) r * length + i;
        targets[s] = p.at(w.targetStart() + i - w.firstScoredInput());
        s++;
      }
    }
  }

  /** Batches of the windows of {@code documents}, longest first, under the options' token budget. */
  static List<WindowBatch> plan(List<int[]> documents, int prefix, int maxLength,
      ScoringOptions options, java.util.function.IntFunction<Object> frequencyClass) {
    List<Window> pending = new ArrayList<>();
    for (int d = 0; d < documents.size(); d++) {
      int[] tokens = documents.get(d);
      for (TokenWindow w : TokenWindows.plan(tokens.length, maxLength, options.stride())) {
        pending.add(new Window(d, tokens, prefix, w));
      }
    }
    pending.sort(Comparator.comparingInt((Window p) -> p.window.inputLength()).reversed());
    List<WindowBatch> batches = new ArrayList<>();
    int start = 0;
    while (start < pending.size()) {
      int longest = pending.get(start).window.inputLength();
      int rows = Math.max(1, Math.min(pending.size() - start, options.tokenBudget() / longest));
      Object first = frequencyClass.apply(longest);
      for (int n = 1; n < rows; n++) {
        if (!first.equals(frequencyClass.apply(pending.get(start + n).window.inputLength()))) {
          rows = n;
          break;
        }
      }
      batches.add(new WindowBatch(pending.subList(start, start + rows), longest));
      start += rows;
    }
    return batches;
  }

  /**
   * The rope frequencies a window of {@code inputLength} gets from {@code model}: longrope and
   * dynamic scaling choose them from the sequence length, which for transformers is that of the
   * forward call (an lm-eval window), so a window padded into a batch of longer ones must still
   * get its own length's frequencies; windows of one class may share a batch.
   */
  static Object frequencyClass(LoadedModel model, int inputLength) {
    RopeScaling scaling = model.config().ropeScaling();
    if (scaling == null || !scaling.dependsOnLength()) {
      return 0L;
    }
    return scaling.lengthClass(inputLength, model.config().maxPositions());
  }

  /** Real (unpadded) positions of the batch's windows. */
  long windowTokens() {
    long sum = 0;
    for (Window w : windows) {
      sum += w.window.inputLength();
    }
    return sum;
  }

  /** Number of scored positions. */
  int scoredLength() {
    return scored.length;
  }

  /**
   * Copies per-position values of this batch (a float[] or int[] in scored order) into each
   * window's document array, {@code into.apply(document)}; a null document array is skipped.
   */
  void scatter(Object values, java.util.function.IntFunction<Object> into) {
    int k = 0;
    for (Window p : windows) {
      int n = p.window.scoredLength();
      Object target = into.apply(p.document);
      if (target != null) {
        System.arraycopy(values, k, target, p.window.targetStart() - 1, n);
      }
      k += n;
    }
  }
}

package xent.score;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import xent.model.LoadedModel;

/**
 * Two models sharing one tokenizer scored at the same positions: one forward per model per
 * window, then one pass over both heads tile by tile ({@link VocabularyPass#pair}), giving each
 * model's moments and the cross terms of B under A (Binoculars, Fast-DetectGPT with a reference
 * model). Windows are cut for the shorter of the two contexts. One thread per scorer.
 */
public final class PairScorer implements AutoCloseable {

  private final LoadedModel a;
  private final LoadedModel b;
  private final ScoringOptions options;
  private final int maxLength;
  private final NDManager managerA;
  private final NDManager managerB;

  /**
   * @throws IllegalArgumentException naming both models when their tokenizers or logit widths
   *     differ, or when the window exceeds either context
   */
  public PairScorer(LoadedModel a, LoadedModel b, ScoringOptions options) throws IOException {
    TokenizerIdentity.check(a, b);
    this.a = a;
    this.b = b;
    this.options = options.withMoments(true);
    this.maxLength = Math.min(
        Scorer.windowLength(a.name(), a.config().maxPositions(), options),
        Scorer.windowLength(b.name(), b.config().maxPositions(), options));
    this.managerA = a.lm().head().getManager().newSubManager();
    this.managerB = b.lm().head().getManager().newSubManager();
  }

  /** Scores texts with both models, returning results in input order. */
  public List<PairScores> scoreTexts(List<String> texts) {
    List<int[]> tokens = new ArrayList<>(texts.size());
    for (String text : texts) {
      tokens.add(a.tokenizer().encode(text));
    }
    return scoreTokens(tokens);
  }

  /** Scores token sequences (without the prefix token), returning results in input order. */
  public List<PairScores> scoreTokens(List<int[]> documents) {
    List<PairScores> results = new ArrayList<>(documents.size());
    for (int d = 0; d < documents.size(); d++) {
      Scorer.checkIds(a, d, documents.get(d));
      int n = documents.get(d).length;
      results.add(new PairScores(TokenScores.allocate(n, options), TokenScores.allocate(n, options),
          new float[n], new float[n]));
    }
    for (WindowBatch batch : WindowBatch.plan(documents, a.tokenizer().prefixId(), maxLength, options,
        length -> List.of(WindowBatch.frequencyClass(a, length), WindowBatch.frequencyClass(b, length)))) {
      runBatch(batch, results);
    }
    return results;
  }

  private void runBatch(WindowBatch batch, List<PairScores> results) {
    int nScored = batch.scoredLength();
    float[][] outA = new float[4][nScored]; // logprob, entropy, variance, LSE
    float[][] outB = new float[4][nScored];
    int[] rankA = new int[nScored];
    int[] rankB = new int[nScored];
    float[] cross = new float[nScored];
    float[] crossVar = new float[nScored];
    try (NDManager scopeA = managerA.newSubManager(); NDManager scopeB = managerB.newSubManager()) {
      NDArray hiddenA = Scorer.scoredHidden(a.lm(), batch, scopeA); // [R, dim_A]
      NDArray hiddenB = Scorer.scoredHidden(b.lm(), batch, scopeB); // [R, dim_B]
      int chunk = Scorer.chunkRows(a.lm(), options, nScored);
      for (int from = 0; from < nScored; from += chunk) {
        int to = Math.min(nScored, from + chunk);
        try (NDManager chunkScope = scopeA.newSubManager()) {
          NDArray hA = hiddenA.get(from + ":" + to);
          NDArray hB = hiddenB.get(from + ":" + to);
          hA.attach(chunkScope);
          hB.attach(chunkScope);
          NDArray target = chunkScope.create(Arrays.copyOfRange(batch.targets, from, to))
              .reshape(to - from, 1);
          VocabularyPass.PairMoments m = VocabularyPass.pair(
              LogitTiles.head(a.lm(), hA), LogitTiles.head(b.lm(), hB), target, options.vocabTile());
          copy(m.a(), outA, rankA, from);
          copy(m.b(), outB, rankB, from);
          System.arraycopy(m.cross().expectedLogprob(), 0, cross, from, to - from);
          System.arraycopy(m.cross().variance(), 0, crossVar, from, to - from);
        }
      }
    }
    scatter(batch, outA, rankA, d -> results.get(d).a());
    scatter(batch, outB, rankB, d -> results.get(d).b());
    batch.scatter(cross, d -> results.get(d).crossLogprob());
    batch.scatter(crossVar, d -> results.get(d).crossVar());
  }

  private static void copy(PositionMoments m, float[][] out, int[] rank, int from) {
    int n = m.logprob().length;
    System.arraycopy(m.logprob(), 0, out[0], from, n);
    System.arraycopy(m.entropy(), 0, out[1], from, n);
    System.arraycopy(m.variance(), 0, out[2], from, n);
    System.arraycopy(m.logPartition(), 0, out[3], from, n);
    System.arraycopy(m.rank(), 0, rank, from, n);
  }

  private static void scatter(
      WindowBatch batch, float[][] out, int[] rank, java.util.function.IntFunction<TokenScores> into) {
    batch.scatter(out[0], d -> into.apply(d).logprob());
    batch.scatter(out[1], d -> into.apply(d).entropy());
    batch.scatter(out[2], d -> into.apply(d).logprobVar());
    batch.scatter(out[3], d -> into.apply(d).logPartition());
    batch.scatter(rank, d -> into.apply(d).rank());
  }

  @Override
  public void close() {
    managerB.close();
    managerA.close();
  }
}

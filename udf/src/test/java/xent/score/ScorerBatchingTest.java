package xent.score;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import xent.RequiresSharedData;
import xent.SharedData;
import xent.Tolerance;
import xent.model.LoadedModel;
import xent.model.ModelSpec;

/**
 * Batching, padding, order, stride and threads must not change a number beyond float32 rounding.
 * Where the engine runs the very same arithmetic (same batch shapes: threads, logit chunks, a
 * stride that plans the same windows) the numbers are bit-exact; where the batch shapes differ
 * (token budgets, padding, document order) other kernel blocking may move the last bits, so
 * those compare within {@link Tolerance#perToken(int)}.
 */
@RequiresSharedData
class ScorerBatchingTest {

  private static LoadedModel model;
  private static List<String> documents;
  private static double forward;

  @BeforeAll
  static void load() throws IOException {
    model = LoadedModel.load(new ModelSpec("stories260K", SharedData.stories260K()));
    forward = Tolerance.perToken(model.config().nLayers());
    String story = Files.readString(SharedData.reference("tinystory.txt"), StandardCharsets.UTF_8);
    documents = new ArrayList<>();
    Random random = new Random(7);
    for (int i = 0; i < 14; i++) {
      int from = random.nextInt(story.length() / 2);
      documents.add(story.substring(from, from + 1 + random.nextInt(1200)));
    }
    documents.add("");
    documents.add("a");
  }

  @AfterAll
  static void close() {
    if (model != null) {
      model.close();
    }
  }

  private static List<TokenScores> score(List<String> texts, ScoringOptions options) {
    try (Scorer scorer = new Scorer(model, options)) {
      List<TokenScores> out = new ArrayList<>();
      for (DocumentScore d : scorer.scoreTexts(texts, true)) {
        out.add(d.tokens());
      }
      return out;
    }
  }

  private static void assertSame(List<TokenScores> expected, List<TokenScores> actual, double tol) {
    assertEquals(expected.size(), actual.size());
    for (int d = 0; d < expected.size(); d++) {
      float[] e = expected.get(d).logprob();
      float[] a = actual.get(d).logprob();
      assertEquals(e.length, a.length, "document " + d);
      for (int i = 0; i < e.length; i++) {
        assertEquals(e[i], a[i], tol, "document " + d + " token " + i);
      }
    }
  }

  @Test
  void identicalAcrossTokenBudgetsPaddingAndBatchSizes() {
    ScoringOptions base = ScoringOptions.DEFAULT.withMaxLength(96);
    List<TokenScores> oneByOne = new ArrayList<>();
    for (String d : documents) {
      oneByOne.addAll(score(List.of(d), base.withTokenBudget(1)));
    }
    for (int budget : new int[] {97, 300, 2048, 1 << 20}) {
      assertSame(oneByOne, score(documents, base.withTokenBudget(budget)), forward);
    }
  }

  @Test
  void identicalInAnyDocumentOrder() {
    ScoringOptions options = ScoringOptions.DEFAULT.withMaxLength(64);
    List<TokenScores> inOrder = score(documents, options);
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < documents.size(); i++) {
      order.add(i);
    }
    Collections.shuffle(order, new Random(3));
    List<String> shuffled = new ArrayList<>();
    for (int i : order) {
      shuffled.add(documents.get(i));
    }
    List<TokenScores> out = score(shuffled, options);
    List<TokenScores> back = new ArrayList<>(Collections.nCopies(out.size(), null));
    for (int k = 0; k < order.size(); k++) {
      back.set(order.get(k), out.get(k));
    }
    assertSame(inOrder, back, forward);
  }

  @Test
  void identicalAcrossLogitChunks() {
    ScoringOptions options = ScoringOptions.DEFAULT.withMaxLength(128).withEntropyAndRank(true);
    List<TokenScores> whole = score(documents, options);
    List<TokenScores> chunked = score(documents, options.withLogitsChunkBytes(512 * 4 * 7));
    // The forward pass is the same, but the head's matmul runs on fewer rows per call, and the
    // BLAS kernel picks its blocking by shape: on AVX-512 rows differ in their last bits (seen:
    // -0.30630946 whole, -0.30631009 chunked). So the forward tolerance, not bit-exactness.
    assertSame(whole, chunked, forward);
    for (int d = 0; d < whole.size(); d++) {
      for (int i = 0; i < whole.get(d).length(); i++) {
        int rank = whole.get(d).rank()[i];
        float entropy = whole.get(d).entropy()[i];
        assertTrue(rank >= 1 && rank <= 512, "rank " + rank);
        assertTrue(entropy >= 0 && entropy <= Math.log(512) + forward, "entropy " + entropy);
        assertEquals(whole.get(d).entropy()[i], chunked.get(d).entropy()[i], forward);
        assertEquals(whole.get(d).rank()[i], chunked.get(d).rank()[i]);
      }
    }
  }

  @Test
  void strideWithAWindowLongerThanTheDocumentEqualsOneWindow() {
    List<String> fits = documents.stream().filter(d -> model.tokenizer().encode(d).length < 500).toList();
    List<TokenScores> single = score(fits, ScoringOptions.DEFAULT.withMaxLength(512));
    List<TokenScores> strided = score(fits, ScoringOptions.DEFAULT.withMaxLength(512).withStride(100));
    // Both plan one window per document: the same batches, the same arithmetic.
    assertSame(single, strided, 0);
  }

  @Test
  void strideGivesMoreContextSoTheStoryIsLikelierThanDisjointWindows() throws IOException {
    String story = Files.readString(SharedData.reference("tinystory.txt"), StandardCharsets.UTF_8);
    try (Scorer disjoint = new Scorer(model, ScoringOptions.DEFAULT.withMaxLength(128));
        Scorer strided = new Scorer(model, ScoringOptions.DEFAULT.withMaxLength(128).withStride(32))) {
      DocumentScore d = disjoint.scoreTexts(List.of(story), false).get(0);
      DocumentScore s = strided.scoreTexts(List.of(story), false).get(0);
      assertEquals(d.nTokens(), s.nTokens());
      assertTrue(s.logprob() > d.logprob(), s.logprob() + " vs " + d.logprob());
      // Between the W=128 disjoint value and the W=512 one, which has the most context.
      assertTrue(s.logprob() < -2486.980548 + 50, "strided " + s.logprob());
    }
  }

  @Test
  void emptyTextHasNoTokensAndZeroLogprob() {
    try (Scorer scorer = new Scorer(model, ScoringOptions.DEFAULT)) {
      DocumentScore empty = scorer.scoreTexts(List.of(""), true).get(0);
      assertEquals(0, empty.nTokens());
      assertEquals(0.0, empty.logprob());
      assertEquals(0, empty.nBytes());
    }
  }

  @Test
  void concurrentScorersSharingOneModelAgreeWithOne() throws Exception {
    ScoringOptions options = ScoringOptions.DEFAULT.withMaxLength(128);
    List<TokenScores> expected = score(documents, options);
    ExecutorService pool = Executors.newFixedThreadPool(3);
    try {
      List<Future<List<TokenScores>>> runs = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        runs.add(pool.submit(() -> score(documents, options)));
      }
      for (Future<List<TokenScores>> run : runs) {
        assertSame(expected, run.get(), 0);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void loneSurrogatesScoreAsTheirUtf8Replacement() {
    try (Scorer scorer = new Scorer(model, ScoringOptions.DEFAULT)) {
      // One call each: the same tokens in a batch of the same shape give the same bits (two rows
      // of one batch need not, on AVX-512 kernels).
      DocumentScore lone = scorer.scoreTexts(List.of("a\ud800b"), false).get(0);
      DocumentScore replaced = scorer.scoreTexts(List.of("a?b"), false).get(0);
      assertEquals(replaced.logprob(), lone.logprob());
      assertEquals(3, lone.nBytes());
    }
  }

  @Test
  void scoresAOneMegabyteSingleLineDocument() throws IOException {
    String story = Files.readString(SharedData.reference("tinystory.txt"), StandardCharsets.UTF_8)
        .replace('\n', ' ');
    StringBuilder line = new StringBuilder();
    while (line.length() < 1 << 20) {
      line.append(story);
    }
    String document = line.substring(0, 1 << 20);
    try (Scorer scorer = new Scorer(model, ScoringOptions.DEFAULT.withMaxLength(128).withTokenBudget(8192))) {
      DocumentScore score = scorer.scoreTexts(List.of(document), false).get(0);
      assertEquals(1 << 20, score.nBytes());
      assertEquals(model.tokenizer().encode(document).length, score.nTokens());
      double nats = -score.logprob() / score.nTokens();
      // The model knows these stories: about 1.3 nats a token, as on the reference story.
      assertTrue(nats > 0.8 && nats < 2.0, "nats/token " + nats);
    }
  }

  @Test
  void stageTimesCountEveryScoredTokenAndThePaddingOfEveryBatch() {
    ScoringOptions options = ScoringOptions.DEFAULT.withMaxLength(64).withTokenBudget(200);
    List<int[]> tokens = new ArrayList<>();
    long expectedTokens = 0;
    for (String d : documents) {
      int[] ids = model.tokenizer().encode(d);
      tokens.add(ids);
      expectedTokens += ids.length;
    }
    long computed = 0;
    long inWindows = 0;
    for (WindowBatch b : WindowBatch.plan(tokens, model.tokenizer().prefixId(), 64, options, n -> 0L)) {
      computed += (long) b.rows * b.length;
      for (WindowBatch.Window w : b.windows) {
        inWindows += w.window().inputLength();
      }
    }
    try (Scorer scorer = new Scorer(model, options)) {
      scorer.scoreTexts(documents, false);
      StageTimes times = scorer.times();
      assertEquals(expectedTokens, times.tokens(), "every token of every document, once");
      assertEquals(computed, times.computedTokens(), "rows x longest window, summed over the batches");
      assertEquals(1 - (double) inWindows / computed, times.paddingShare(), 1e-12);
      double sum = 0;
      for (StageTimes.Stage stage : StageTimes.Stage.values()) {
        assertTrue(times.seconds(stage) >= 0, stage.label());
        sum += times.seconds(stage);
      }
      assertEquals(sum, times.totalSeconds(), 1e-9);
      assertTrue(times.seconds(StageTimes.Stage.FORWARD) > 0 && times.seconds(StageTimes.Stage.HEAD) > 0);
      assertTrue(times.summary().startsWith(String.format(java.util.Locale.ROOT, "%,d tokens in ", expectedTokens)),
          times.summary());
    }
  }
}

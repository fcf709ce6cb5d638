package xent.score;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import xent.Tolerance;
import xent.model.LoadedModel;
import xent.model.ModelSpec;
import xent.reference.RandomCheckpoints;

/** The scorer's moments on a tiny random model against float64 moments of its own logits. */
class ScorerMomentsTest {

  private static final List<String> TEXTS = List.of(
      "Once upon a time, there was a little girl named Lily.",
      "She loved to play outside in the sunshine, all day long.",
      "aaaaaaaaaaaaaaaaaaaa");

  @Test
  void momentsEqualFloat64ComputationFromTheSameModelsLogits(@TempDir Path dir) throws IOException {
    Path folder = RandomCheckpoints.writeFolder(dir, RandomCheckpoints.llama().optVocabSize(257)
        .optStd(0.3).build(11));
    try (LoadedModel model = LoadedModel.load(new ModelSpec("random", folder));
        Scorer scorer = new Scorer(model, ScoringOptions.DEFAULT.withMaxLength(128).withMoments(true)
            .withVocabTile(40))) { // 257 entries in 7 tiles, the last of 17
      double forward = Tolerance.perToken(model.config().nLayers());
      for (String text : TEXTS) {
        int[] tokens = model.tokenizer().encode(text);
        TokenScores s = scorer.scoreTokens(List.of(tokens)).get(0);
        double[][] z = FullLogits.of(model, tokens);
        for (int i = 0; i < tokens.length; i++) {
          double[] lp = FullLogits.logSoftmax(z[i]);
          double mu = FullLogits.expect(lp, lp);
          double var = FullLogits.variance(lp, lp);
          String at = "'" + text + "' token " + i;
          // tiles and the full head multiply in other shapes: logits agree to float32 forward rounding
          assertEquals(lp[tokens[i]], s.logprob()[i], forward, at + " log p");
          assertEquals(z[i][tokens[i]] - lp[tokens[i]], s.logPartition()[i], forward, at + " LSE");
          assertEquals(-mu, s.entropy()[i], Tolerance.MOMENTS * -mu + forward, at + " H");
          assertEquals(var, s.logprobVar()[i], Tolerance.MOMENTS * var + forward, at + " sigma2");
          int above = 0;
          for (int v = 0; v < z[i].length; v++) {
            above += v != tokens[i] && z[i][v] > z[i][tokens[i]] ? 1 : 0;
          }
          assertEquals(above + 1, s.rank()[i], at + " rank");
        }
      }
    }
  }

  @Test
  void withoutMomentsTheLogSoftmaxPathIsUnchangedAndLeavesTheNewArraysNull(@TempDir Path dir)
      throws IOException {
    Path folder = RandomCheckpoints.writeFolder(dir, RandomCheckpoints.llama().optVocabSize(257).build(12));
    try (LoadedModel model = LoadedModel.load(new ModelSpec("random", folder));
        Scorer plain = new Scorer(model, ScoringOptions.DEFAULT.withMaxLength(16).withEntropyAndRank(true));
        Scorer moments = new Scorer(model, ScoringOptions.DEFAULT.withMaxLength(16).withMoments(true))) {
      List<TokenScores> a = plain.scoreTexts(TEXTS, true).stream().map(DocumentScore::tokens).toList();
      List<TokenScores> b = moments.scoreTexts(TEXTS, true).stream().map(DocumentScore::tokens).toList();
      double forward = Tolerance.perToken(model.config().nLayers());
      for (int d = 0; d < TEXTS.size(); d++) {
        assertNull(a.get(d).logprobVar());
        assertNull(a.get(d).logPartition());
        for (int i = 0; i < a.get(d).length(); i++) {
          assertEquals(a.get(d).logprob()[i], b.get(d).logprob()[i], forward, "doc " + d + " token " + i);
          assertEquals(a.get(d).entropy()[i], b.get(d).entropy()[i], forward, "doc " + d + " token " + i);
        }
        assertArrayEquals(a.get(d).rank(), b.get(d).rank(), "doc " + d + " ranks");
      }
    }
  }

  @Test
  void refusesAVocabularyTileBelowOneEntryNamingIt() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ScoringOptions.DEFAULT.withMoments(true).withVocabTile(0));
    assertEquals("vocabulary tile must be >= 1 entry, found 0", e.getMessage());
  }
}

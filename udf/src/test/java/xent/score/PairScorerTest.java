package xent.score;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import xent.Tolerance;
import xent.model.LoadedModel;
import xent.model.ModelSpec;
import xent.model.checkpoint.DType;
import xent.model.checkpoint.HfCheckpointWriter;
import xent.reference.RandomCheckpoints;
import xent.tokenize.TokenizerJsonWriter;

/** Two models at the same positions: cross terms against float64 of both models' own logits. */
class PairScorerTest {

  private static final List<String> TEXTS = List.of(
      "Once upon a time, there was a little girl named Lily.", "ab", "The cat sat on the mat. The cat sat.");

  @Test
  void crossTermsAndBothModelsMomentsEqualFloat64(@TempDir Path dir) throws IOException {
    Path[] pair = ModelPairs.write(dir, 21);
    try (LoadedModel a = LoadedModel.load(new ModelSpec("observer", pair[0]));
        LoadedModel b = LoadedModel.load(new ModelSpec("performer", pair[1]));
        PairScorer scorer = new PairScorer(a, b, ScoringOptions.DEFAULT.withMaxLength(128).withVocabTile(64))) {
      double forward = Math.max(Tolerance.perToken(a.config().nLayers()), Tolerance.perToken(b.config().nLayers()));
      List<PairScores> scores = scorer.scoreTexts(TEXTS);
      for (int d = 0; d < TEXTS.size(); d++) {
        int[] tokens = a.tokenizer().encode(TEXTS.get(d));
        double[][] za = FullLogits.of(a, tokens);
        double[][] zb = FullLogits.of(b, tokens);
        PairScores s = scores.get(d);
        for (int i = 0; i < tokens.length; i++) {
          double[] lpA = FullLogits.logSoftmax(za[i]);
          double[] lpB = FullLogits.logSoftmax(zb[i]);
          double cross = FullLogits.expect(lpA, lpB);
          double crossVar = FullLogits.variance(lpA, lpB);
          String at = "doc " + d + " token " + i;
          assertEquals(cross, s.crossLogprob()[i], Tolerance.MOMENTS * Math.abs(cross) + forward, at + " E_pA[log pB]");
          assertEquals(crossVar, s.crossVar()[i], Tolerance.MOMENTS * crossVar + forward, at + " Var_pA[log pB]");
          assertEquals(lpA[tokens[i]], s.a().logprob()[i], forward, at + " log pA");
          assertEquals(lpB[tokens[i]], s.b().logprob()[i], forward, at + " log pB");
          double hB = -FullLogits.expect(lpB, lpB);
          assertEquals(hB, s.b().entropy()[i], Tolerance.MOMENTS * hB + forward, at + " H_B");
        }
        assertTrue(s.crossLogprob()[0] < 0);
      }
    }
  }

  @Test
  void refusesAPairWhoseTokenizersDifferNamingBothModelsAndTheReason(@TempDir Path dir) throws IOException {
    Path a = RandomCheckpoints.writeFolder(dir.resolve("a"), RandomCheckpoints.llama().optVocabSize(257).build(1));
    Path b = dir.resolve("b");
    var checkpoint = RandomCheckpoints.llama().optVocabSize(257).build(2);
    HfCheckpointWriter.write(b, checkpoint.config(), checkpoint.tensors(), DType.F32, 1);
    TokenizerJsonWriter.writeByteLevel(b.resolve("tokenizer.json"), List.of(), List.of("<|end|>"));
    try (LoadedModel ma = LoadedModel.load(new ModelSpec("alpha", a));
        LoadedModel mb = LoadedModel.load(new ModelSpec("beta", b))) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> new PairScorer(ma, mb, ScoringOptions.DEFAULT));
      assertTrue(e.getMessage().startsWith("models alpha and beta cannot be scored as a pair: their tokenizers differ ("),
          e.getMessage());
    }
  }

  @Test
  void refusesAPairWhoseLogitWidthsDifferNamingBoth(@TempDir Path dir) throws IOException {
    Path a = RandomCheckpoints.writeFolder(dir.resolve("a"), RandomCheckpoints.llama().optVocabSize(257).build(1));
    Path b = RandomCheckpoints.writeFolder(dir.resolve("b"), RandomCheckpoints.llama().optVocabSize(320).build(2));
    try (LoadedModel ma = LoadedModel.load(new ModelSpec("alpha", a));
        LoadedModel mb = LoadedModel.load(new ModelSpec("beta", b))) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> new PairScorer(ma, mb, ScoringOptions.DEFAULT));
      assertEquals("models alpha and beta cannot be scored as a pair: their heads give 257 and 320 logits",
          e.getMessage());
    }
  }
}

package xent.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import xent.Tolerance;
import xent.model.LoadedModel;
import xent.model.ModelSpec;
import xent.score.ModelPairs;
import xent.score.PairScorer;
import xent.score.PairScores;
import xent.score.ScoringOptions;
import xent.score.TokenScores;

/**
 * Every metric on 3 fixed documents scored by two tiny models sharing a tokenizer, against a
 * straightforward float64 implementation written here on the same per-token values. The inputs
 * are the engine's float32 arrays, so both sides do double arithmetic on identical numbers and
 * differ only in summation order: {@link Tolerance#doubleSum}.
 */
class DetectionMetricsTest {

  static final List<String> DOCUMENTS = List.of(
      "Once upon a time, there was a little girl named Lily. She loved to play outside.",
      "The cat sat on the mat. The cat sat on the mat. The cat sat.",
      "Übermäßig große Äpfel — 東京 🍎, said the fox.");

  private static int[][] tokens;
  private static List<PairScores> scores;

  @BeforeAll
  static void score(@TempDir Path dir) throws IOException {
    Path[] pair = ModelPairs.write(dir, 31);
    try (LoadedModel a = LoadedModel.load(new ModelSpec("observer", pair[0]));
        LoadedModel b = LoadedModel.load(new ModelSpec("performer", pair[1]));
        PairScorer scorer = new PairScorer(a, b, ScoringOptions.DEFAULT.withMaxLength(64))) {
      tokens = DOCUMENTS.stream().map(a.tokenizer()::encode).toArray(int[][]::new);
      scores = scorer.scoreTokens(Arrays.asList(tokens));
    }
  }

  private static double[] d(float[] values) {
    double[] out = new double[values.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = values[i];
    }
    return out;
  }

  private static double sum(double[] x) {
    return Arrays.stream(x).sum();
  }

  private static double abs(double[] x) {
    return Arrays.stream(x).map(Math::abs).sum();
  }

  private static double meanOfLowest(double[] x, double k) {
    int count = Math.max(1, (int) (k * x.length));
    return Arrays.stream(x).sorted().limit(count).average().orElseThrow();
  }

  @Test
  void lossMinKAndMinKPlusPlusEqualFloat64() {
    for (int doc = 0; doc < DOCUMENTS.size(); doc++) {
      TokenScores s = scores.get(doc).b();
      double[] l = d(s.logprob());
      double[] h = d(s.entropy());
      double[] var = d(s.logprobVar());
      double loss = sum(l) / l.length;
      assertEquals(loss, Loss.score(s.logprob()), Tolerance.doubleSum(abs(l)), "loss " + doc);
      assertEquals(meanOfLowest(l, 0.2), MinK.DEFAULT.score(s.logprob()), Tolerance.doubleSum(abs(l)), "min-k " + doc);
      double[] z = new double[l.length];
      for (int t = 0; t < l.length; t++) {
        z[t] = (l[t] - (-h[t])) / Math.sqrt(var[t]); // mu = -H; no position here has sigma near 0
      }
      assertEquals(meanOfLowest(z, 0.2), MinKPlusPlus.DEFAULT.score(s.logprob(), s.entropy(), s.logprobVar()),
          Tolerance.doubleSum(abs(z)), "min-k++ " + doc);
    }
  }

  /** A fixed count table over the 257 ids, uneven so that frequencies differ. */
  static TokenCountTable counts() {
    long[] c = new long[257];
    for (int v = 0; v < c.length; v++) {
      c[v] = (v * 7919L) % 1000;
    }
    return new TokenCountTable(c);
  }

  @Test
  void dcPddEqualsFloat64OverFirstOccurrences() {
    long[] c = counts().counts();
    double total = Arrays.stream(c).sum();
    for (int doc = 0; doc < DOCUMENTS.size(); doc++) {
      float[] l = scores.get(doc).b().logprob();
      Map<Integer, Double> first = new LinkedHashMap<>();
      for (int t = 0; t < l.length; t++) {
        double f = (c[tokens[doc][t]] + 1) / (total + c.length);
        first.putIfAbsent(tokens[doc][t], Math.min(Math.exp(l[t]) * Math.log(1 / f), 0.01));
      }
      double want = first.values().stream().mapToDouble(Double::doubleValue).average().orElseThrow();
      assertEquals(want, DcPdd.DEFAULT.score(tokens[doc], l, counts()), Tolerance.doubleSum(want), "dc-pdd " + doc);
    }
  }

  @Test
  void fastDetectGptBinocularsAndZeroShotEqualFloat64() {
    for (int doc = 0; doc < DOCUMENTS.size(); doc++) {
      PairScores p = scores.get(doc);
      double[] l = d(p.b().logprob());
      double[] h = d(p.b().entropy());
      double[] var = d(p.b().logprobVar());
      double[] cross = d(p.crossLogprob());
      double[] crossVar = d(p.crossVar());
      double n = l.length;
      double analytic = (sum(l) + sum(h)) / Math.sqrt(sum(var));
      assertEquals(analytic, FastDetectGpt.score(p.b().logprob(), p.b().entropy(), p.b().logprobVar()),
          Tolerance.doubleSum(Math.abs(analytic)) * n, "fast-detectgpt " + doc);
      double withReference = (sum(l) - sum(cross)) / Math.sqrt(sum(crossVar));
      assertEquals(withReference, FastDetectGpt.scoreWithReference(p.b().logprob(), p.crossLogprob(), p.crossVar()),
          Tolerance.doubleSum(Math.abs(withReference)) * n, "fast-detectgpt with reference " + doc);
      double binoculars = (-sum(l) / n) / (-sum(cross) / n);
      assertEquals(binoculars, Binoculars.score(p.b().logprob(), p.crossLogprob()),
          Tolerance.doubleSum(binoculars), "binoculars " + doc);
      double zeroShot = Math.abs(sum(l) / n + sum(h) / n);
      assertEquals(zeroShot, ZeroShotTest.score(p.b().logprob(), p.b().entropy()),
          Tolerance.doubleSum(abs(l) / n + abs(h) / n), "zero-shot " + doc);
    }
  }

  @Test
  void llmZipBoundCountsCodePointsAndUtf8Bytes() {
    for (int doc = 0; doc < DOCUMENTS.size(); doc++) {
      float[] l = scores.get(doc).a().logprob();
      String text = DOCUMENTS.get(doc);
      double bits = -sum(d(l)) / Math.log(2);
      int chars = text.codePoints().toArray().length; // Python's len(text)
      assertEquals(bits / chars, LlmZipBound.bitsPerCharacter(l, text), Tolerance.doubleSum(bits), "bpc " + doc);
      assertEquals(bits / text.getBytes(StandardCharsets.UTF_8).length, LlmZipBound.bitsPerByte(l, text),
          Tolerance.doubleSum(bits), "bpb " + doc);
    }
    // the third document has a character outside the BMP: 1 code point, 2 UTF-16 units, 4 bytes
    assertEquals(DOCUMENTS.get(2).length() - 1, DOCUMENTS.get(2).codePointCount(0, DOCUMENTS.get(2).length()));
  }

  @Test
  void zlibRatioIsTheMeanLogLikelihoodOverPythonsCompressedLength() {
    ZlibRatio zlib = ZlibRatio.DEFAULT;
    for (int doc = 0; doc < DOCUMENTS.size(); doc++) {
      float[] l = scores.get(doc).a().logprob();
      double want = sum(d(l)) / l.length / zlib.compressedBytes(DOCUMENTS.get(doc));
      assertEquals(want, zlib.score(l, DOCUMENTS.get(doc)), Tolerance.doubleSum(want), "zlib " + doc);
    }
  }
}

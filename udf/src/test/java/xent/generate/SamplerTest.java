package xent.generate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import xent.model.LoadedModel;
import xent.model.ModelSpec;
import xent.model.checkpoint.Checkpoint;
import xent.reference.RandomCheckpoints;
import xent.reference.ReferenceModel;

/** Draws follow softmax(logits / T) truncated to the nucleus; whole continuations reproduce. */
class SamplerTest {

  private static final float[] LOGITS = {2.0f, 1.0f, 0.5f, -1.0f, 0.5f};

  /** softmax(LOGITS / t) in double. */
  private static double[] softmax(double t) {
    double[] p = new double[LOGITS.length];
    double total = 0;
    for (int i = 0; i < p.length; i++) {
      p[i] = Math.exp(LOGITS[i] / t);
      total += p[i];
    }
    for (int i = 0; i < p.length; i++) {
      p[i] /= total;
    }
    return p;
  }

  private static double[] frequencies(SamplingOptions options, int draws) {
    SplittableRandom random = new SplittableRandom(11);
    long[] counts = new long[LOGITS.length];
    for (int i = 0; i < draws; i++) {
      counts[NucleusSampler.draw(LOGITS, options, random)]++;
    }
    return Arrays.stream(counts).mapToDouble(c -> (double) c / draws).toArray();
  }

  /** Each frequency within 5 binomial standard errors of its probability (a false alarm ~1e-6). */
  private static void assertFollows(double[] expected, double[] observed, int draws) {
    for (int i = 0; i < expected.length; i++) {
      double se = Math.sqrt(expected[i] * (1 - expected[i]) / draws);
      assertEquals(expected[i], observed[i], 5 * se + 1e-12, "token " + i + " of " + Arrays.toString(observed));
    }
  }

  @Test
  void drawsFollowTheTemperedSoftmax() {
    int draws = 200_000;
    assertFollows(softmax(1.0), frequencies(new SamplingOptions(1.0, 1.0, 1), draws), draws);
    assertFollows(softmax(0.5), frequencies(new SamplingOptions(0.5, 1.0, 1), draws), draws);
  }

  @Test
  void topPKeepsTheFewestMostProbableTokensReachingPAndRenormalises() {
    double[] p = softmax(1.0); // 0.537, 0.197, 0.120, 0.027, 0.120 (ids 2 and 4 tie)
    int draws = 200_000;
    // 0.537 + 0.197 = 0.734 < 0.8: the nucleus adds id 2 (the lower id of the tie), not id 4
    double kept = p[0] + p[1] + p[2];
    double[] expected = {p[0] / kept, p[1] / kept, p[2] / kept, 0, 0};
    assertFollows(expected, frequencies(new SamplingOptions(1.0, 0.8, 1), draws), draws);
    assertArrayEquals(new double[] {1, 0, 0, 0, 0}, frequencies(new SamplingOptions(1.0, 1e-9, 1), 1000));
  }

  @Test
  void aTinyNucleusDecodesGreedilyAsTheFloat64ReferenceModel(@TempDir Path dir) throws IOException {
    Checkpoint checkpoint = RandomCheckpoints.llama().optVocabSize(300).optMaxPositions(64).build(21);
    Path folder = RandomCheckpoints.writeFolder(dir, checkpoint);
    ReferenceModel reference = ReferenceModel.of(checkpoint);
    int[] prompt = new Random(4).ints(6, 0, 256).toArray();
    List<int[]> drawn;
    try (LoadedModel model = LoadedModel.load(new ModelSpec("tiny", folder));
        Sampler sampler = new Sampler(model, new SamplingOptions(1.0, 1e-9, 12))) {
      drawn = sampler.sample(List.of(prompt, prompt), new long[] {1, 2});
      int prefix = model.tokenizer().prefixId();
      List<Integer> sequence = new ArrayList<>(List.of(prefix));
      Arrays.stream(prompt).forEach(sequence::add);
      for (int step = 0; step < 12; step++) {
        double[][] logits = reference.logits(sequence.stream().mapToInt(Integer::intValue).toArray());
        double[] last = Arrays.copyOf(logits[logits.length - 1], model.tokenizer().vocabSize());
        int best = 0;
        for (int i = 1; i < last.length; i++) {
          best = last[i] > last[best] ? i : best;
        }
        if (best == model.tokenizer().eosId()) {
          break;
        }
        assertEquals(best, drawn.get(0)[step], "step " + step);
        sequence.add(best);
      }
    }
    assertArrayEquals(drawn.get(0), drawn.get(1), "greedy: the seed does not matter");
  }

  @Test
  void continuationsReproduceWithTheirSeedsAndDifferAcrossSeeds(@TempDir Path dir) throws IOException {
    Path folder = RandomCheckpoints.writeFolder(dir,
        RandomCheckpoints.llama().optVocabSize(300).optMaxPositions(64).build(22));
    int[] prompt = new Random(5).ints(8, 0, 256).toArray();
    try (LoadedModel model = LoadedModel.load(new ModelSpec("tiny", folder));
        Sampler sampler = new Sampler(model, new SamplingOptions(1.0, 0.95, 20))) {
      List<int[]> first = sampler.sample(List.of(prompt, prompt, prompt), new long[] {7, 8, 7});
      List<int[]> again = sampler.sample(List.of(prompt, prompt, prompt), new long[] {7, 8, 7});
      for (int r = 0; r < 3; r++) {
        assertArrayEquals(first.get(r), again.get(r), "row " + r);
      }
      assertArrayEquals(first.get(0), first.get(2), "one seed, one continuation");
      assertFalse(Arrays.equals(first.get(0), first.get(1)), "another seed, another continuation");
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> sampler.sample(List.of(new int[60]), new long[] {1}));
      assertTrue(e.getMessage().contains("exceed its context of 64"), e.getMessage());
    }
  }
}

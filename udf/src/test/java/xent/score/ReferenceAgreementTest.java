package xent.score;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import xent.Tolerance;
import xent.model.LoadedModel;
import xent.model.ModelSpec;
import xent.model.RopeScaling;
import xent.model.checkpoint.Checkpoint;
import xent.model.checkpoint.Checkpoints;
import xent.model.checkpoint.DType;
import xent.model.checkpoint.HfCheckpointWriter;
import xent.reference.RandomCheckpoints;
import xent.reference.ReferenceModel;
import xent.tokenize.TokenizerJsonWriter;

/**
 * The DJL float32 path against the float64 plain-Java reference, on random-weight checkpoints of
 * both families written as Hugging Face folders and read back through the same reader.
 */
class ReferenceAgreementTest {

  static List<Arguments> checkpoints() {
    return List.of(
        Arguments.of("llama tied F32", RandomCheckpoints.llama(), DType.F32, 1),
        Arguments.of("llama GQA untied bias F16", RandomCheckpoints.llama()
            .optHeads(4, 2).optUntiedHead().optAttentionBias(), DType.F16, 1),
        Arguments.of("llama3 rope scaling BF16", RandomCheckpoints.llama()
            .optRopeScaling(new RopeScaling("llama3", 8.0, 1.0, 4.0, 32)), DType.BF16, 1),
        Arguments.of("mistral sliding window sharded", RandomCheckpoints.llama()
            .optHeads(4, 1).optSlidingWindow(24), DType.F32, 3),
        Arguments.of("linear rope scaling F16 sharded", RandomCheckpoints.llama()
            .optRopeScaling(new RopeScaling("linear", 2.0, 0, 0, 256)), DType.F16, 2),
        Arguments.of("qwen2 window on layer 1 only", RandomCheckpoints.llama().optHeads(4, 2)
            .optAttentionBias().optSlidingWindow(24).optSlidingLayers(false, true), DType.F32, 1),
        Arguments.of("llama attention_bias with o_proj bias", RandomCheckpoints.llama()
            .optLlamaAttentionBias().optUntiedHead(), DType.F32, 1),
        Arguments.of("qwen3 q/k norms, head_dim 32 on dim 64, window on layer 0", RandomCheckpoints
            .llama().optHeads(4, 2).optHeadDim(32).optQkNorm().optSlidingWindow(24)
            .optSlidingLayers(true, false), DType.BF16, 1),
        Arguments.of("gpt2 F32", RandomCheckpoints.gpt2(), DType.F32, 1),
        Arguments.of("gpt2 untied head", RandomCheckpoints.gpt2().optUntiedHead(), DType.F32, 1),
        Arguments.of("gpt2 unscaled scores", RandomCheckpoints.gpt2().optScoreScaling(false, false),
            DType.F32, 1),
        Arguments.of("gpt2 scores by inverse layer", RandomCheckpoints.gpt2()
            .optScoreScaling(true, true), DType.F32, 1),
        Arguments.of("gpt2 BF16 sharded", RandomCheckpoints.gpt2(), DType.BF16, 4));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("checkpoints")
  void djlPathAgreesWithTheFloat64ReferencePerToken(
      String label, RandomCheckpoints.Builder builder, DType dtype, int shards, @TempDir Path dir)
      throws IOException {
    Checkpoint random = builder.build(42);
    HfCheckpointWriter.write(dir, random.config(), random.tensors(), dtype, shards);
    TokenizerJsonWriter.writeByteLevel(dir.resolve("tokenizer.json"), List.of(), List.of("<|endoftext|>"));

    assertAgreement(label, dir, random, 64, new int[] {1, 37, 150, 64});
  }

  static List<Arguments> longWindows() {
    return List.of(
        Arguments.of("llama GQA", RandomCheckpoints.llama().optHeads(4, 2).optMaxPositions(1024)),
        Arguments.of("mistral sliding window", RandomCheckpoints.llama().optSlidingWindow(200)
            .optMaxPositions(1024)),
        Arguments.of("gpt2", RandomCheckpoints.gpt2().optMaxPositions(1024)));
  }

  /** Windows longer than one block of queries run attention block by block. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("longWindows")
  void blockwiseAttentionOnLongWindowsAgreesWithTheReference(
      String label, RandomCheckpoints.Builder builder, @TempDir Path dir) throws IOException {
    Checkpoint random = builder.build(43);
    HfCheckpointWriter.write(dir, random.config(), random.tensors(), DType.F32, 1);
    TokenizerJsonWriter.writeByteLevel(dir.resolve("tokenizer.json"), List.of(), List.of("<|endoftext|>"));
    assertAgreement(label, dir, random, 600, new int[] {700, 300});
  }

  private static void assertAgreement(String label, Path dir, Checkpoint random, int window,
      int[] lengths) throws IOException {
    // The reference reads what the engine reads: the weights after the dtype's rounding.
    ReferenceModel reference = ReferenceModel.of(Checkpoints.open(dir));
    Random rng = new Random(5);
    List<int[]> documents = new ArrayList<>();
    for (int length : lengths) {
      documents.add(rng.ints(length, 0, random.config().vocabSize()).toArray());
    }
    ScoringOptions options = ScoringOptions.DEFAULT.withMaxLength(window).withEntropyAndRank(true);
    try (LoadedModel model = LoadedModel.load(new ModelSpec("random", dir));
        Scorer scorer = new Scorer(model, options)) {
      List<TokenScores> scores = scorer.scoreTokens(documents);
      int prefix = model.tokenizer().prefixId();
      double tolerance = Tolerance.perToken(random.config().nLayers());
      for (int d = 0; d < documents.size(); d++) {
        assertAgrees(label + " document " + d, reference, prefix, documents.get(d), scores.get(d), window,
            tolerance);
      }
    }
  }

  private static void assertAgrees(
      String label, ReferenceModel reference, int prefix, int[] tokens, TokenScores actual, int window,
      double tolerance) {
    int[] s = new int[tokens.length + 1]; // [prefix] + tokens
    s[0] = prefix;
    System.arraycopy(tokens, 0, s, 1, tokens.length);
    for (TokenWindow w : TokenWindows.plan(tokens.length, window, 0)) {
      int[] input = java.util.Arrays.copyOfRange(s, w.inputStart(), w.targetEnd() - 1);
      double[][] logProbs = reference.logProbs(input);
      for (int pos = w.targetStart(); pos < w.targetEnd(); pos++) {
        double[] row = logProbs[pos - 1 - w.inputStart()];
        int i = pos - 1; // index in tokens
        String where = label + " token " + i;
        assertEquals(row[s[pos]], actual.logprob()[i], tolerance, where);
        assertEquals(ReferenceModel.entropy(row), actual.entropy()[i], tolerance, where + " entropy");
        assertEquals(ReferenceModel.rank(row, s[pos]), actual.rank()[i], where + " rank");
      }
    }
  }
}

package xent.score;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import xent.model.LoadedModel;
import xent.model.ModelSpec;
import xent.model.checkpoint.Checkpoint;
import xent.model.checkpoint.Checkpoints;
import xent.model.checkpoint.DType;
import xent.model.checkpoint.HfCheckpointWriter;
import xent.reference.RandomCheckpoints;
import xent.reference.ReferenceModel;
import xent.tokenize.SpecialToken;
import xent.tokenize.TokenizerJsonWriter;

/** The prefix a folder's tokenizer names is the one scored with, whatever config.json says. */
class ScorerPrefixTokenTest {

  private static final int TOKENIZER_BOS = 256; // "<s>", the first special token after the bytes
  private static final int CONFIG_BOS = 1; // RandomCheckpoints' Llama config.json bos_token_id

  @Test
  void scoresWithTheTokenizersBosWhereConfigJsonNamesAnother(@TempDir Path dir) throws IOException {
    Checkpoint random = RandomCheckpoints.llama().build(7);
    assertEquals(CONFIG_BOS, random.config().bosId());
    HfCheckpointWriter.write(dir, random.config(), random.tensors(), DType.F32, 1);
    TokenizerJsonWriter.writeByteLevel(dir.resolve("tokenizer.json"), List.of(), List.of("<s>", "</s>"));
    Files.writeString(
        dir.resolve("tokenizer_config.json"), "{\"bos_token\": \"<s>\", \"eos_token\": \"</s>\"}");
    int[] tokens = new Random(3).ints(40, 0, 256).toArray();

    ReferenceModel reference = ReferenceModel.of(Checkpoints.open(dir));
    double[] withTokenizerBos = referenceLogProbs(reference, TOKENIZER_BOS, tokens);
    double[] withConfigBos = referenceLogProbs(reference, CONFIG_BOS, tokens);
    assertTrue(Math.abs(withTokenizerBos[0] - withConfigBos[0]) > 1e-2,
        "the two prefixes must be told apart: " + withTokenizerBos[0] + " vs " + withConfigBos[0]);

    try (LoadedModel model = LoadedModel.load(new ModelSpec("disagreeing", dir));
        Scorer scorer = new Scorer(model, ScoringOptions.DEFAULT.withMaxLength(64))) {
      assertEquals(
          new SpecialToken(TOKENIZER_BOS, "tokenizer_config.json bos_token"),
          model.tokenizer().prefix());
      float[] logprob = scorer.scoreTokens(List.of(tokens)).get(0).logprob();
      for (int i = 0; i < tokens.length; i++) {
        assertEquals(withTokenizerBos[i], logprob[i], 1e-4, "token " + i);
      }
    }
  }

  /** Float64 log p(t_i | prefix, t_1 .. t_i-1) in one window. */
  private static double[] referenceLogProbs(ReferenceModel reference, int prefix, int[] tokens) {
    int[] input = new int[tokens.length];
    input[0] = prefix;
    System.arraycopy(tokens, 0, input, 1, tokens.length - 1);
    return reference.targetLogProbs(input, tokens);
  }
}

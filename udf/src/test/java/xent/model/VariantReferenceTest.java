package xent.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import xent.score.Scorer;
import xent.score.ScoringOptions;

/**
 * The folders of src/test/resources/hf-reference (made by src/test/hf/make_variants.py, see that
 * folder's README): tiny transformers checkpoints with one config switch on (rope scaling types,
 * switches of families verified before only with the switch off) score text.txt as transformers
 * does in float64. They live in the repository, so these run without ../shared or Python.
 */
class VariantReferenceTest {

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"llama_yarn", "qwen2_yarn", "llama_longrope", "llama_longrope_short",
      "llama_dynamic", "stablelm_parallel_residual", "stablelm_qk_layernorm", "olmo_clip_qkv", "gemma2_layer_types",
      "gpt2_inverse_layer_idx", "gpt2_reorder_upcast", "llama_attention_bias", "llama_mlp_bias",
      "phi3_longrope"})
  void scoresTheReferenceTextAsTransformersDoes(String variant)
      throws IOException, URISyntaxException {
    Path dir = resources();
    TransformersReference.assertScoresAsTransformers(variant, dir.resolve(variant),
        dir.resolve(variant + ".json"), dir.resolve("text.txt"));
  }

  /**
   * HF picks longrope's factors from the length of the forward call, which for lm-eval is one
   * window: a 40-token document (short factors, 40 <= 64) batched beside 128-token windows (long
   * factors) must score exactly as it does alone, not padded into the long windows' batch.
   */
  @Test
  void aShortWindowBesideLongOnesKeepsTheLongropeFactorsOfItsOwnLength()
      throws IOException, URISyntaxException {
    Path dir = resources();
    try (LoadedModel model = LoadedModel.load(
            new ModelSpec("llama_longrope", dir.resolve("llama_longrope")));
        Scorer scorer = new Scorer(model,
            ScoringOptions.DEFAULT.withMaxLength(TransformersReference.WINDOW))) {
      int[] text = model.tokenizer().encode(
          Files.readString(dir.resolve("text.txt"), StandardCharsets.UTF_8));
      int[] shortDocument = Arrays.copyOf(text, 40);

      float[] alone = scorer.scoreTokens(List.of(shortDocument)).get(0).logprob();
      float[] beside = scorer.scoreTokens(List.of(text, shortDocument)).get(1).logprob();

      assertArrayEquals(alone, beside);
    }
  }

  private static Path resources() throws URISyntaxException {
    return Path.of(VariantReferenceTest.class.getResource("/hf-reference/text.txt").toURI())
        .getParent();
  }
}

package xent.model;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import xent.RequiresSharedData;
import xent.SharedData;

/**
 * Each family folder of shared/reference/families, written by transformers 5, scores text.txt as
 * transformers' own modeling class does in float64 (ARCH.json): the same token ids and prefix, and
 * every token's log-prob under lm-eval rolling windows of 128.
 */
@RequiresSharedData
class FamilyReferenceTest {

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"gpt2", "gpt_neox", "llama", "mistral", "qwen2", "qwen3", "gemma",
      "gemma2", "olmo", "olmo2", "stablelm", "phi", "gptj", "phi3", "opt", "bloom", "falcon"})
  void scoresTheReferenceTextAsTransformersDoes(String family) throws IOException {
    Path families = SharedData.reference("families");
    TransformersReference.assertScoresAsTransformers(family, families.resolve(family),
        families.resolve(family + ".json"), families.resolve("text.txt"));
  }
}

package xent.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import xent.Tolerance;
import xent.model.checkpoint.SafetensorsFile;
import xent.model.checkpoint.SafetensorsWriter;
import xent.model.checkpoint.Tensor;
import xent.score.DocumentScore;
import xent.score.Scorer;
import xent.score.ScoringOptions;

/**
 * The config switches that shared/reference/families does not cover, each scored as transformers
 * scores it: tiny checkpoints made by transformers with the switch on, in this module's test
 * resources (hf-reference/, made by udf/src/test/hf/make_hf_references.py; its README says what
 * each switches on). Needs neither shared/ nor Python.
 */
class HfVariantReferenceTest {

  private static Path root() throws URISyntaxException {
    return Path.of(HfVariantReferenceTest.class.getResource("/hf-reference").toURI());
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"phi3-partial-sliding", "opt-post-ln-projected", "opt-bare",
      "bloom-residual-from-norm-6-heads", "falcon-new-decoder", "falcon-new-decoder-one-norm",
      "falcon-sequential-mha"})
  void scoresTheSwitchAsTransformersDoes(String variant) throws IOException, URISyntaxException {
    Path root = root();
    TransformersReference.assertScoresAsTransformers(variant, root.resolve(variant),
        root.resolve(variant + ".json"), root.resolve("text.txt"));
  }

  /**
   * ALiBi biases scores by key position; transformers counts positions from the attention mask,
   * xent from the row start. Right padding and batching must not move any document's numbers.
   */
  @Test
  void alibiScoresDoNotDependOnPaddingOrBatching() throws IOException, URISyntaxException {
    String text = Files.readString(root().resolve("text.txt"), StandardCharsets.UTF_8);
    List<String> documents = new ArrayList<>();
    for (int length : new int[] {900, 40, 311, 7, 1100}) {
      documents.add(text.substring(0, Math.min(length, text.length())));
    }
    String variant = "bloom-residual-from-norm-6-heads";
    try (LoadedModel model = LoadedModel.load(new ModelSpec(variant, root().resolve(variant)))) {
      ScoringOptions options = ScoringOptions.DEFAULT.withMaxLength(128);
      List<DocumentScore> alone = new ArrayList<>();
      for (String d : documents) {
        alone.addAll(score(model, List.of(d), options.withTokenBudget(1)));
      }
      List<DocumentScore> batched = score(model, documents, options.withTokenBudget(1 << 20));
      double tolerance = Tolerance.perToken(model.config().nLayers());
      for (int d = 0; d < documents.size(); d++) {
        float[] expected = alone.get(d).tokens().logprob();
        float[] actual = batched.get(d).tokens().logprob();
        assertEquals(expected.length, actual.length, "document " + d);
        for (int i = 0; i < expected.length; i++) {
          assertEquals(expected[i], actual[i], tolerance, "document " + d + " token " + i);
        }
      }
    }
  }

  /** OPTModel (facebook/opt-* on the Hub) saves decoder.*, OPTForCausalLM model.decoder.*. */
  @Test
  void readsOptTensorsSavedWithoutTheModelPrefixAsThoseWith(@TempDir Path dir)
      throws IOException, URISyntaxException {
    Path source = root().resolve("opt-bare");
    for (String f : List.of("config.json", "tokenizer.json", "tokenizer_config.json")) {
      Files.copy(source.resolve(f), dir.resolve(f));
    }
    SafetensorsWriter unprefixed = new SafetensorsWriter();
    for (Tensor t : SafetensorsFile.read(source.resolve("model.safetensors")).tensors().values()) {
      unprefixed.add(new Tensor(t.name().replaceFirst("^model\\.", ""), t.dtype(), t.shape(),
          t.data()));
    }
    unprefixed.write(dir.resolve("model.safetensors"));
    String text = Files.readString(root().resolve("text.txt"), StandardCharsets.UTF_8);
    ScoringOptions options = ScoringOptions.DEFAULT.withMaxLength(128);
    try (LoadedModel prefixed = LoadedModel.load(new ModelSpec("prefixed", source));
        LoadedModel bare = LoadedModel.load(new ModelSpec("unprefixed", dir))) {
      // the same weights and arithmetic: bit-exact
      assertArrayEquals(score(prefixed, List.of(text), options).get(0).tokens().logprob(),
          score(bare, List.of(text), options).get(0).tokens().logprob());
    }
  }

  private static List<DocumentScore> score(
      LoadedModel model, List<String> texts, ScoringOptions options) {
    try (Scorer scorer = new Scorer(model, options)) {
      return scorer.scoreTexts(texts, true);
    }
  }
}

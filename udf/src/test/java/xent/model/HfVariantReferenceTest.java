package xent.model;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The config switches that shared/reference/families does not cover, each scored as transformers
 * scores it: tiny checkpoints made by transformers with the switch on, in this module's test
 * resources (hf-reference/, made by udf/src/test/hf/make_hf_references.py; its README says what
 * each switches on). Needs neither shared/ nor Python.
 */
class HfVariantReferenceTest {

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"phi3-partial-sliding", "opt-post-ln-projected", "opt-bare"})
  void scoresTheSwitchAsTransformersDoes(String variant) throws IOException, URISyntaxException {
    Path root = Path.of(HfVariantReferenceTest.class.getResource("/hf-reference").toURI());
    FamilyReferenceTest.assertScoresAsTransformers(variant, root.resolve(variant),
        root.resolve(variant + ".json"), root.resolve("text.txt"));
  }
}

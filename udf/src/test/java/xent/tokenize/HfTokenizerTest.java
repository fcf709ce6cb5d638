package xent.tokenize;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("fast")
class HfTokenizerTest {

  private static final String EOT = "<|endoftext|>";

  @TempDir Path folder;

  @Test
  void byteTokenizerEncodesUtf8BytesAsIds() throws IOException {
    writeTokenizer(List.of(), EOT);
    try (HfTokenizer tokenizer = HfTokenizer.open(folder)) {
      assertArrayEquals(new int[] {104, 195, 169, 108, 108, 111, 10}, tokenizer.encode("héllo\n"));
      assertEquals(0, tokenizer.encode("").length);
      assertEquals(257, tokenizer.vocabSize());
    }
  }

  @Test
  void mergedPieceGetsTheIdAfterTheBytes() throws IOException {
    // "Ã ©" are the symbols of é's UTF-8 bytes C3 A9.
    writeTokenizer(List.of("h e", "Ã ©", "he l"), EOT);
    try (HfTokenizer tokenizer = HfTokenizer.open(folder)) {
      assertArrayEquals(new int[] {258, 108, 111}, tokenizer.encode("hello"));
      assertArrayEquals(new int[] {104, 257, 108}, tokenizer.encode("hél"));
      assertEquals(260, tokenizer.vocabSize());
    }
  }

  @Test
  void specialTokenTextIsOneIdAndNoSpecialTokenIsAdded() throws IOException {
    writeTokenizer(List.of(), EOT);
    try (HfTokenizer tokenizer = HfTokenizer.open(folder)) {
      assertArrayEquals(new int[] {97, 256, 98}, tokenizer.encode("a" + EOT + "b"));
    }
  }

  @Test
  void encodesLongTextWithoutTruncation() throws IOException {
    writeTokenizer(List.of(), EOT);
    String text = "the cat sat on the mat. ".repeat(500);
    try (HfTokenizer tokenizer = HfTokenizer.open(folder)) {
      int[] ids = tokenizer.encode(text);
      assertEquals(12_000, ids.length);
      assertEquals('.', ids[ids.length - 2]);
    }
  }

  @Test
  void encodesNulAsByteZeroAndLoneSurrogateAsQuestionMark() throws IOException {
    writeTokenizer(List.of(), EOT);
    try (HfTokenizer tokenizer = HfTokenizer.open(folder)) {
      assertArrayEquals(new int[] {97, 0, 98}, tokenizer.encode("a\0b"));
      assertArrayEquals(new int[] {97, 63, 98}, tokenizer.encode("a\uD800b"));
      assertArrayEquals(new int[] {63, 120}, tokenizer.encode("\uDC00x"));
      byte[] emoji = "😀".getBytes(StandardCharsets.UTF_8);
      assertEquals(4, tokenizer.encode("😀").length);
      assertEquals(emoji[3] & 0xff, tokenizer.encode("😀")[3]);
    }
  }

  @Test
  void eosFromConfigIdAndNoBosMakesEosThePrefix() throws IOException {
    writeTokenizer(List.of(), EOT);
    Files.writeString(
        folder.resolve("config.json"), "{\"bos_token_id\": null, \"eos_token_id\": 256}");
    try (HfTokenizer tokenizer = HfTokenizer.open(folder)) {
      assertEquals(-1, tokenizer.bosId());
      assertEquals(256, tokenizer.eosId());
      assertEquals(new SpecialToken(256, "config.json eos_token_id"), tokenizer.prefix());
    }
  }

  @Test
  void takesFirstIdOfAListInConfig() throws IOException {
    writeTokenizer(List.of(), "<s>", "</s>", "<|eot|>");
    Files.writeString(
        folder.resolve("config.json"), "{\"bos_token_id\": 256, \"eos_token_id\": [258, 257]}");
    try (HfTokenizer tokenizer = HfTokenizer.open(folder)) {
      assertEquals(256, tokenizer.bosId());
      assertEquals(258, tokenizer.eosId());
      assertEquals(256, tokenizer.prefixId());
    }
  }

  @Test
  void mapsTokenizerConfigStringsAndContentObjectsToIds() throws IOException {
    writeTokenizer(List.of(), "<s>", "</s>");
    Files.writeString(
        folder.resolve("tokenizer_config.json"),
        "{\"bos_token\": {\"content\": \"<s>\", \"special\": true}, \"eos_token\": \"</s>\"}");
    try (HfTokenizer tokenizer = HfTokenizer.open(folder)) {
      assertEquals(256, tokenizer.bosId());
      assertEquals(257, tokenizer.eosId());
    }
  }

  @Test
  void tokenizerConfigBosWinsOverADisagreeingConfigJsonId() throws IOException {
    writeTokenizer(List.of(), "<s>", "</s>");
    Files.writeString(folder.resolve("config.json"), "{\"bos_token_id\": 1, \"eos_token_id\": 2}");
    Files.writeString(
        folder.resolve("tokenizer_config.json"), "{\"bos_token\": \"<s>\", \"eos_token\": \"</s>\"}");
    try (HfTokenizer tokenizer = HfTokenizer.open(folder)) {
      assertEquals(new SpecialToken(256, "tokenizer_config.json bos_token"), tokenizer.prefix());
      assertEquals(257, tokenizer.eosId());
    }
  }

  @Test
  void tokenizerConfigWithOnlyEosMakesEosThePrefixDespiteABosIdInConfigJson() throws IOException {
    // lm-eval: tokenizer.bos_token_id is None, so prefix_token_id is the EOS; config.json unread
    writeTokenizer(List.of(), "<s>", "</s>");
    Files.writeString(folder.resolve("config.json"), "{\"bos_token_id\": 256}");
    Files.writeString(folder.resolve("tokenizer_config.json"), "{\"eos_token\": \"</s>\"}");
    try (HfTokenizer tokenizer = HfTokenizer.open(folder)) {
      assertEquals(-1, tokenizer.bosId());
      assertEquals(new SpecialToken(257, "tokenizer_config.json eos_token"), tokenizer.prefix());
    }
  }

  @Test
  void legacySpecialTokensMapOverridesTokenizerConfig() throws IOException {
    writeTokenizer(List.of(), "<s>", "<|bos|>");
    write("tokenizer_config.json", "{\"bos_token\": \"<s>\"}");
    write("special_tokens_map.json", "{\"bos_token\": \"<|bos|>\"}");
    assertEquals(new SpecialToken(257, "special_tokens_map.json bos_token"), prefix());
  }

  @Test
  void specialTokensMapIsIgnoredBesideATokenizerConfigWithAddedTokensDecoder() throws IOException {
    writeTokenizer(List.of(), "<s>", "<|bos|>");
    write("tokenizer_config.json", "{\"added_tokens_decoder\": {}, \"bos_token\": \"<s>\"}");
    write("special_tokens_map.json", "{\"bos_token\": \"<|bos|>\"}");
    assertEquals(new SpecialToken(256, "tokenizer_config.json bos_token"), prefix());
  }

  @Test
  void configJsonIdsNameThePrefixOnlyWithoutATokenizerConfiguration() throws IOException {
    writeTokenizer(List.of(), "<s>", "</s>");
    write("config.json", "{\"bos_token_id\": 257}");
    assertEquals(new SpecialToken(257, "config.json bos_token_id"), prefix());
  }

  @Test
  void withoutSpecialTokensThereIsNoPrefix() throws IOException {
    writeTokenizer(List.of());
    try (HfTokenizer tokenizer = HfTokenizer.open(folder)) {
      assertEquals(-1, tokenizer.bosId());
      assertEquals(-1, tokenizer.eosId());
      IllegalStateException e = assertThrows(IllegalStateException.class, tokenizer::prefixId);
      assertEquals(
          folder + ": the tokenizer has neither a BOS nor an EOS token to use as prefix"
              + " (looked in tokenizer_config.json, special_tokens_map.json and config.json)",
          e.getMessage());
    }
  }

  @Test
  void rejectsTokenizerConfigTokenMissingFromVocabulary() throws IOException {
    writeTokenizer(List.of(), EOT);
    Files.writeString(folder.resolve("tokenizer_config.json"), "{\"bos_token\": \"<s>\"}");
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> HfTokenizer.open(folder));
    assertEquals(
        folder.resolve("tokenizer_config.json")
            + ": bos_token '<s>' is not in the vocabulary of tokenizer.json",
        e.getMessage());
  }

  @Test
  void rejectsMissingTokenizerJsonNamingIt() {
    NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> HfTokenizer.open(folder));
    assertTrue(
        e.getMessage().contains(folder.resolve("tokenizer.json").toString()), e.getMessage());
  }

  @Test
  void rejectsMalformedConfigNamingIt() throws IOException {
    writeTokenizer(List.of(), EOT);
    Files.writeString(folder.resolve("config.json"), "{\"eos_token_id\": ");
    IOException e = assertThrows(IOException.class, () -> HfTokenizer.open(folder));
    assertTrue(e.getMessage().contains(folder.resolve("config.json").toString()), e.getMessage());
  }

  private void write(String file, String json) throws IOException {
    Files.writeString(folder.resolve(file), json);
  }

  private SpecialToken prefix() throws IOException {
    try (HfTokenizer tokenizer = HfTokenizer.open(folder)) {
      return tokenizer.prefix();
    }
  }

  private void writeTokenizer(List<String> merges, String... specialTokens) throws IOException {
    TokenizerJsonWriter.writeByteLevel(
        folder.resolve("tokenizer.json"), merges, List.of(specialTokens));
  }
}

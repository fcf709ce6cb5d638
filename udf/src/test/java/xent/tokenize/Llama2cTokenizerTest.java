package xent.tokenize;

import xent.RequiresSharedData;
import xent.SharedData;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("fast")
class Llama2cTokenizerTest {

  private static final String STORIES = "models/stories260K/tokenizer.bin";
  private static final String LLAMA_32K = "models/llama2c-32k/tokenizer.bin";

  @TempDir Path tmp;

  @RequiresSharedData
  @Test
  void encodesTinyStoryToTheReferenceTargetIds() throws IOException {
    Path tokenizerFile = SharedData.file(STORIES);
    String text = Files.readString(SharedData.file("reference/tinystory.txt"));
    int[] expected =
        Files.readAllLines(SharedData.file("reference/tinystory.w128.tsv")).stream()
            .filter(line -> !line.startsWith("#") && !line.isBlank())
            .mapToInt(line -> Integer.parseInt(line.split("\t")[1]))
            .toArray();
    assertEquals(1968, expected.length);

    int[] ids = Llama2cTokenizer.read(tokenizerFile, 512).encode(text);

    assertArrayEquals(expected, ids);
  }

  @RequiresSharedData
  @Test
  void decodesWhatItEncodesBackToTheText() throws IOException {
    // run.c's decode: pieces concatenated, byte-fallback ids as their bytes, the dummy prefix's
    // space dropped; with every code point encodable (bytes as a fallback) nothing is lost
    String story = Files.readString(SharedData.file("reference/tinystory.txt"));
    for (String[] vocab : new String[][] {{STORIES, "512"}, {LLAMA_32K, "32000"}}) {
      Llama2cTokenizer tokenizer = Llama2cTokenizer.read(SharedData.file(vocab[0]), Integer.parseInt(vocab[1]));
      Random random = new Random(8);
      for (String text : new String[] {story, "Über 東京 🍎\n\ttabs", randomText(random, 60)}) {
        assertEquals(text, tokenizer.decode(tokenizer.encode(text)), vocab[0]);
      }
    }
  }

  @RequiresSharedData
  @Test
  void agreesWithQuadraticLlama2cLoopOnRandomTextWithBothVocabularies() throws IOException {
    for (String[] vocab : new String[][] {{STORIES, "512"}, {LLAMA_32K, "32000"}}) {
      Path file = SharedData.file(vocab[0]);
      int vocabSize = Integer.parseInt(vocab[1]);
      Llama2cTokenizer fast = Llama2cTokenizer.read(file, vocabSize);
      QuadraticLlama2cEncoder reference = new QuadraticLlama2cEncoder(file, vocabSize);
      Random random = new Random(42);
      for (int i = 0; i < 300; i++) {
        String text = randomText(random, random.nextInt(80));
        assertArrayEquals(reference.encode(text), fast.encode(text), vocab[0] + ": " + text);
      }
    }
  }

  @RequiresSharedData
  @Test
  void startsWithTheDummyPrefixSpaceAndMergesIt() throws IOException {
    Llama2cTokenizer tokenizer = Llama2cTokenizer.read(SharedData.file(LLAMA_32K), 32000);
    // Llama's ids: " Hello" = 15043, " world" = 3186.
    assertArrayEquals(new int[] {15043, 3186}, tokenizer.encode("Hello world"));
    // The dummy " " and the text's " " merge into "  " (259), whose score is -1e9 > -1e10.
    assertArrayEquals(new int[] {259}, tokenizer.encode(" "));
  }

  @RequiresSharedData
  @Test
  void encodesEmptyTextAsNoTokens() throws IOException {
    Llama2cTokenizer tokenizer = Llama2cTokenizer.read(SharedData.file(STORIES), 512);
    assertEquals(0, tokenizer.encode("").length);
    assertEquals(1, tokenizer.bosId());
    assertEquals(2, tokenizer.eosId());
    assertEquals(new SpecialToken(1, "tokenizer.bin (llama2.c BOS 1)"), tokenizer.prefix());
    assertEquals(512, tokenizer.vocabSize());
  }

  @RequiresSharedData
  @Test
  void encodesNulAsByteFallbackThreeInsteadOfEndingTheText() throws IOException {
    Llama2cTokenizer tokenizer = Llama2cTokenizer.read(SharedData.file(STORIES), 512);
    int[] ids = tokenizer.encode("a\0b");
    assertTrue(Arrays.stream(ids).anyMatch(id -> id == 3), Arrays.toString(ids));
    assertArrayEquals(
        new QuadraticLlama2cEncoder(SharedData.file(STORIES), 512).encode("a\0b"), ids);
  }

  @RequiresSharedData
  @Test
  void encodesLoneSurrogateAsQuestionMarkLikeGetBytes() throws IOException {
    Llama2cTokenizer tokenizer = Llama2cTokenizer.read(SharedData.file(STORIES), 512);
    assertArrayEquals(tokenizer.encode("a?b"), tokenizer.encode("a\uD800b"));
    assertArrayEquals(tokenizer.encode("?x"), tokenizer.encode("\uDC00x"));
  }

  @RequiresSharedData
  @Test
  void encodesAMegabyteSingleLineDocumentQuickly() throws IOException {
    Llama2cTokenizer tokenizer = Llama2cTokenizer.read(SharedData.file(LLAMA_32K), 32000);
    String text = randomText(new Random(7), 1_000_000).replace('\n', ' ');
    long start = System.nanoTime();
    int[] ids = tokenizer.encode(text);
    double seconds = (System.nanoTime() - start) / 1e9;
    System.out.printf(
        "llama2.c encode of %d bytes: %d tokens in %.2f s%n",
        text.getBytes(StandardCharsets.UTF_8).length, ids.length, seconds);
    assertTrue(ids.length > 100_000, "tokens: " + ids.length);
  }

  @Test
  void rejectsMissingFileNamingIt() {
    Path missing = tmp.resolve("nope/tokenizer.bin");
    IOException e = assertThrows(IOException.class, () -> Llama2cTokenizer.read(missing, 512));
    assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
    assertTrue(e.getMessage().contains("missing"), e.getMessage());
  }

  @RequiresSharedData
  @Test
  void rejectsTruncatedFileNamingFileAndToken() throws IOException {
    byte[] whole = Files.readAllBytes(SharedData.file(STORIES));
    Path truncated = tmp.resolve("tokenizer.bin");
    Files.write(truncated, Arrays.copyOf(whole, whole.length - 3));

    IOException e = assertThrows(IOException.class, () -> Llama2cTokenizer.read(truncated, 512));

    assertTrue(e.getMessage().contains(truncated.toString()), e.getMessage());
    assertTrue(e.getMessage().contains("truncated"), e.getMessage());
    assertTrue(e.getMessage().contains("token 511 of 512"), e.getMessage());
  }

  @Test
  void rejectsNegativeTokenLength() throws IOException {
    Path file = tmp.resolve("tokenizer.bin");
    ByteBuffer bytes = ByteBuffer.allocate(4 + 8).order(ByteOrder.LITTLE_ENDIAN);
    bytes.putInt(7).putFloat(0f).putInt(-5);
    Files.write(file, bytes.array());

    IOException e = assertThrows(IOException.class, () -> Llama2cTokenizer.read(file, 512));

    assertTrue(e.getMessage().contains("token 0 has negative length -5"), e.getMessage());
  }

  @Test
  void rejectsVocabTooSmallForByteFallback() {
    Path file = tmp.resolve("tokenizer.bin");
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Llama2cTokenizer.read(file, 100));
    assertTrue(e.getMessage().contains("vocab size 100"), e.getMessage());
  }

  /** Mixed ASCII words, accents, CJK, emoji, random BMP and emoji code points, whitespace runs. */
  static String randomText(Random random, int length) {
    String[] pieces = {
      "the", " ", " ", "Once", " upon", "a", "time", "Lily", ",", ".", "\n", "\n\n", "\t", "é", "à",
      "ü", "ñ", "ß", "café", "naïve", "日本", "語", "😀", "🚀", "👍🏽", "€", "—", "0", "42", "x", "q",
      "Z", "  ", "!", "\"", "'s", "ing", "ed", "aaa", "    ", "=="
    };
    StringBuilder out = new StringBuilder();
    while (out.length() < length) {
      int kind = random.nextInt(20);
      if (kind < 2) {
        out.append((char) (' ' + random.nextInt(95)));
      } else if (kind == 2) {
        out.appendCodePoint(0xA0 + random.nextInt(0x3000));
      } else if (kind == 3) {
        out.appendCodePoint(0x1F300 + random.nextInt(0x300));
      } else {
        out.append(pieces[random.nextInt(pieces.length)]);
      }
    }
    return out.toString();
  }
}

package xent.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import xent.RequiresSharedData;
import xent.SharedData;
import xent.tokenize.HfTokenizer;
import xent.tokenize.TokenizerJsonWriter;

@Tag("fast")
class BpeTrainerTest {

  @Test
  void mergesTheMostFrequentPairsFirstWithinWords() {
    List<String> merges = BpeTrainer.learn(List.of("aaab aaab aab"), 3);
    // "aaab" x1, " aaab" x1, " aab" x1: pair (a, a) occurs 2 + 2 + 1 = 5 times, first
    assertEquals("a a", merges.get(0));
    assertEquals(3, merges.size());
    assertEquals(List.of(), BpeTrainer.learn(List.of("abc"), 5)); // no pair occurs twice
  }

  @RequiresSharedData
  @Test
  void learnedTokenizerRoundTripsThroughTheTokenizersLibraryAndShortensText(@TempDir Path dir)
      throws Exception {
    String text = Files.readString(SharedData.file("reference/tinystory.txt"));
    List<String> merges = BpeTrainer.learn(List.of(text), 200);
    assertEquals(200, merges.size());
    TokenizerJsonWriter.writeByteLevel(dir.resolve("tokenizer.json"), merges,
        List.of(TokenizerChoice.END_OF_TEXT));
    try (HfTokenizer tokenizer = HfTokenizer.open(dir)) {
      assertEquals(256 + 200 + 1, tokenizer.vocabSize());
      int[] ids = tokenizer.encode(text);
      assertTrue(ids.length < text.length() / 2, ids.length + " tokens for " + text.length());
    }
  }
}

package xent.tokenize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("fast")
class TokenizerJsonWriterTest {

  @TempDir Path folder;

  @Test
  void alphabetMatchesGpt2BytesToUnicode() {
    assertEquals('!', ByteLevelAlphabet.symbol('!'));
    assertEquals('Ā', ByteLevelAlphabet.symbol(0));
    assertEquals('Ċ', ByteLevelAlphabet.symbol('\n'));
    assertEquals('Ġ', ByteLevelAlphabet.symbol(' '));
    assertEquals('ġ', ByteLevelAlphabet.symbol(0x7F));
    assertEquals('ł', ByteLevelAlphabet.symbol(0xA0));
    assertEquals('Ń', ByteLevelAlphabet.symbol(0xAD));
    assertEquals('ÿ', ByteLevelAlphabet.symbol(0xFF));
    assertEquals("ĠcafÃ©", ByteLevelAlphabet.symbols(" café".getBytes(StandardCharsets.UTF_8)));
    Set<Character> distinct = new HashSet<>();
    for (int b = 0; b < 256; b++) {
      distinct.add(ByteLevelAlphabet.symbol(b));
    }
    assertEquals(256, distinct.size());
  }

  @Test
  void rejectsMergeOfUnknownPieceNamingIt() {
    assertRejected(List.of("he l"), List.of(), "merge 'he l' uses 'he'");
  }

  @Test
  void rejectsMergeWithoutOneSeparatingSpace() {
    assertRejected(List.of("h  e"), List.of(), "two pieces separated by one space");
  }

  @Test
  void rejectsRepeatedPiece() {
    assertRejected(
        List.of("h e"), List.of("he"), "special token 'he' makes 'he', which already has id 256");
  }

  private void assertRejected(List<String> merges, List<String> specials, String message) {
    Path file = folder.resolve("tokenizer.json");
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> TokenizerJsonWriter.writeByteLevel(file, merges, specials));
    assertTrue(e.getMessage().contains(message), e.getMessage());
    assertFalse(Files.exists(file), "nothing is written for a rejected vocabulary");
  }
}

package xent.tokenize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("fast")
class HfVocabularyTest {

  @TempDir Path folder;

  @Test
  void readsUnigramPieceListAndAddedTokensBeyondIt() throws IOException {
    Path file = folder.resolve("tokenizer.json");
    Files.writeString(
        file,
        "{\"added_tokens\": [{\"id\": 5, \"content\": \"<eos>\"}],"
            + " \"model\": {\"type\": \"Unigram\","
            + " \"vocab\": [[\"<unk>\", 0.0], [\"▁a\", -1.5], [\"b\", -2.0]]}}");

    HfVocabulary vocabulary = HfVocabulary.read(file);

    assertEquals(6, vocabulary.size());
    assertEquals(1, vocabulary.idOf("▁a"));
    assertEquals(5, vocabulary.idOf("<eos>"));
    assertEquals(-1, vocabulary.idOf("c"));
  }

  @Test
  void rejectsTokenizerJsonWithoutModelVocabNamingIt() throws IOException {
    Path file = folder.resolve("tokenizer.json");
    Files.writeString(file, "{\"model\": {\"type\": \"BPE\"}}");
    IOException e = assertThrows(IOException.class, () -> HfVocabulary.read(file));
    assertTrue(e.getMessage().contains(file + " has no model.vocab"), e.getMessage());
  }
}

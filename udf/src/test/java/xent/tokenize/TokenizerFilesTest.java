package xent.tokenize;

import xent.RequiresSharedData;
import xent.SharedData;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("fast")
class TokenizerFilesTest {

  @TempDir Path folder;

  @RequiresSharedData
  @Test
  void opensLlama2cTokenizerBinWithTheModelVocabSize() throws IOException {
    Files.copy(
        SharedData.file("models/stories260K/tokenizer.bin"), folder.resolve("tokenizer.bin"));
    try (Tokenizer tokenizer = TokenizerFiles.open(folder, 512)) {
      assertInstanceOf(Llama2cTokenizer.class, tokenizer);
      assertEquals(512, tokenizer.vocabSize());
    }
  }

  @Test
  void prefersTokenizerJsonOverTokenizerBin() throws IOException {
    Files.write(folder.resolve("tokenizer.bin"), new byte[] {1, 2, 3});
    TokenizerJsonWriter.writeByteLevel(folder.resolve("tokenizer.json"), List.of(), List.of());
    try (Tokenizer tokenizer = TokenizerFiles.open(folder, 256)) {
      assertInstanceOf(HfTokenizer.class, tokenizer);
      assertArrayEquals(new int[] {104, 105}, tokenizer.encode("hi"));
    }
  }

  @Test
  void rejectsFolderWithoutTokenizerNamingFolderAndFiles() {
    NoSuchFileException e =
        assertThrows(NoSuchFileException.class, () -> TokenizerFiles.open(folder, 512));
    assertTrue(e.getMessage().contains(folder.toString()), e.getMessage());
    assertTrue(e.getMessage().contains("tokenizer.json"), e.getMessage());
    assertTrue(e.getMessage().contains("tokenizer.bin"), e.getMessage());
  }
}

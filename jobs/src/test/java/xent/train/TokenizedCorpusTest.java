package xent.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import xent.tokenize.HfTokenizer;

@Tag("fast")
class TokenizedCorpusTest {

  @Test
  void savedStreamsReadBackEqualToTokenizingAgainAndRefuseAnotherCorpusOrTokenizer(@TempDir Path dir)
      throws IOException {
    Path corpusFile = dir.resolve("train.jsonl");
    Files.writeString(corpusFile, String.join("\n",
        "{\"text\": \"Once upon a time\", \"domain\": \"story\"}",
        "{\"text\": \"ÜBER  alles 😀\\n\", \"domain\": \"shout\"}",
        "{\"text\": \"the end\", \"domain\": \"story\"}") + "\n", StandardCharsets.UTF_8);
    TrainingCorpus corpus = TrainingCorpus.read(corpusFile, "domain");
    Path tokenizerFolder = dir.resolve("tokenizer");
    TokenizerChoice.parse("byte", null).write(tokenizerFolder, List.of());
    String tokenizerSha = TokenizedCorpus.digest(tokenizerFolder.resolve("tokenizer.json"));
    Path file = dir.resolve("train.tokens");
    Map<String, int[]> direct;
    try (HfTokenizer tok = HfTokenizer.open(tokenizerFolder)) {
      TokenizedCorpus.of(corpus, tok, tokenizerSha).write(file);
      direct = TokenStreams.of(corpus.textsByDomain(), tok);
    }

    TokenizedCorpus read = TokenizedCorpus.read(file, corpus.sha256(), tokenizerSha);
    assertEquals(List.copyOf(direct.keySet()), List.copyOf(read.streams().keySet()));
    direct.forEach((domain, ids) -> assertArrayEquals(ids, read.streams().get(domain), domain));
    assertTrue(read.streams().get("shout").length > "ÜBER  alles 😀\n".length(), "bytes, not chars");

    IOException otherCorpus = assertThrows(IOException.class,
        () -> TokenizedCorpus.read(file, "0".repeat(64), tokenizerSha));
    assertTrue(otherCorpus.getMessage().startsWith(file + ": made from corpus " + corpus.sha256()),
        otherCorpus.getMessage());
    assertThrows(IOException.class, () -> TokenizedCorpus.read(file, corpus.sha256(), "f".repeat(64)));
    Files.writeString(dir.resolve("other.tokens"), "not a token file");
    IOException notOurs = assertThrows(IOException.class,
        () -> TokenizedCorpus.read(dir.resolve("other.tokens"), corpus.sha256(), tokenizerSha));
    assertTrue(notOurs.getMessage().contains("not a token stream file of xent"), notOurs.getMessage());
  }
}

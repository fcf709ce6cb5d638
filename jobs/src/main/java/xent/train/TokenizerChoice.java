package xent.train;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import xent.tokenize.TokenizerJsonWriter;

/**
 * Which tokenizer a model trains with: bytes, a byte-level BPE learned from the corpus, or the
 * tokenizer.json of another model folder (models whose probabilities are mixed per token, such
 * as domain experts, must share one).
 *
 * @param kind bytes, BPE or copied
 * @param vocabSize BPE only: the target vocabulary, 256 bytes + merges + 1 special token
 * @param source copied only: the folder holding tokenizer.json
 */
public record TokenizerChoice(Kind kind, int vocabSize, Path source) {

  /** The special token between documents; the scorer's prefix token (the vocabulary has no BOS). */
  public static final String END_OF_TEXT = "<|endoftext|>";

  /** Kinds of tokenizer. */
  public enum Kind {
    BYTE,
    BPE,
    COPY
  }

  public TokenizerChoice {
    if (kind == Kind.BPE && vocabSize <= 257) {
      throw new IllegalArgumentException(
          "a BPE vocabulary must exceed the 256 bytes and " + END_OF_TEXT + ", found " + vocabSize);
    }
    if (kind == Kind.COPY && source == null) {
      throw new IllegalArgumentException("copying a tokenizer needs its source folder");
    }
  }

  /**
   * Parses {@code byte}, {@code bpe} (vocabulary 1024) or {@code bpe:VOCAB}; {@code from}, when
   * not null, overrides them with that folder's tokenizer.
   */
  public static TokenizerChoice parse(String spec, Path from) {
    if (from != null) {
      return new TokenizerChoice(Kind.COPY, 0, from);
    }
    if (spec.equals("byte")) {
      return new TokenizerChoice(Kind.BYTE, 0, null);
    }
    if (spec.equals("bpe")) {
      return new TokenizerChoice(Kind.BPE, 1024, null);
    }
    if (spec.startsWith("bpe:")) {
      try {
        return new TokenizerChoice(Kind.BPE, Integer.parseInt(spec.substring(4)), null);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("tokenizer '" + spec + "': VOCAB must be an integer");
      }
    }
    throw new IllegalArgumentException(
        "tokenizer '" + spec + "' must be byte, bpe or bpe:VOCAB");
  }

  /**
   * Writes {@code folder}/tokenizer.json (and tokenizer_config.json naming the end-of-text
   * token), learning BPE merges from {@code texts} when asked to.
   */
  public void write(Path folder, List<String> texts) throws IOException {
    Files.createDirectories(folder);
    Path file = folder.resolve("tokenizer.json");
    switch (kind) {
      case BYTE -> TokenizerJsonWriter.writeByteLevel(file, List.of(), List.of(END_OF_TEXT));
      case BPE -> TokenizerJsonWriter.writeByteLevel(
          file, BpeTrainer.learn(texts, vocabSize - 257), List.of(END_OF_TEXT));
      case COPY -> {
        Path json = source.resolve("tokenizer.json");
        if (!Files.isRegularFile(json)) {
          throw new NoSuchFileException(json.toString(), null, "--tokenizer-from needs a tokenizer.json");
        }
        Files.copy(json, file, StandardCopyOption.REPLACE_EXISTING);
        Path config = source.resolve("tokenizer_config.json");
        if (Files.isRegularFile(config)) {
          Files.copy(config, folder.resolve("tokenizer_config.json"), StandardCopyOption.REPLACE_EXISTING);
        }
        return;
      }
    }
    Files.writeString(folder.resolve("tokenizer_config.json"),
        "{\n  \"eos_token\": \"" + END_OF_TEXT + "\"\n}\n", StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    return switch (kind) {
      case BYTE -> "byte";
      case BPE -> "bpe:" + vocabSize;
      case COPY -> "from:" + source;
    };
  }
}

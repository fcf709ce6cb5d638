package xent.tokenize;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * A Hugging Face folder's {@code tokenizer.json}, run by DJL's native tokenizers library with no
 * truncation, no padding and no special tokens (DJL otherwise truncates at 512 tokens).
 *
 * <p>BOS and EOS come from the tokenizer configuration, or from {@code config.json} where that
 * names neither (see {@link HfSpecialTokens}). A lone surrogate in the text becomes '?', as {@link String#getBytes} with
 * UTF-8 makes it, so the native side always receives well-formed text. {@link #close()} frees the
 * native tokenizer; every JVM using this class needs {@code OPT_OUT_TRACKING=true}.
 */
public final class HfTokenizer implements Tokenizer {

  private final HuggingFaceTokenizer tokenizer;
  private final Path file;
  private final int vocabSize;
  private final HfSpecialTokens specialTokens;

  private HfTokenizer(
      HuggingFaceTokenizer tokenizer, Path file, int vocabSize, HfSpecialTokens specialTokens) {
    this.tokenizer = tokenizer;
    this.file = file;
    this.vocabSize = vocabSize;
    this.specialTokens = specialTokens;
  }

  /**
   * Opens {@code folder/tokenizer.json}.
   *
   * @throws IOException when tokenizer.json is missing or unreadable, or a JSON file is malformed
   * @throws IllegalArgumentException when tokenizer_config.json names a BOS/EOS token that the
   *     vocabulary lacks
   */
  public static HfTokenizer open(Path folder) throws IOException {
    Path file = folder.resolve("tokenizer.json");
    if (!Files.isRegularFile(file)) {
      throw new NoSuchFileException(
          file.toString(), null, "Hugging Face tokenizer.json is missing");
    }
    HfVocabulary vocabulary = HfVocabulary.read(file);
    HfSpecialTokens specialTokens = HfSpecialTokens.read(folder, vocabulary);
    HuggingFaceTokenizer tokenizer;
    try {
      tokenizer =
          HuggingFaceTokenizer.builder()
              .optTokenizerPath(file)
              .optAddSpecialTokens(false)
              .optTruncation(false)
              .optPadding(false)
              .build();
    } catch (RuntimeException e) {
      throw new IOException("tokenizers library cannot load " + file + ": " + e.getMessage(), e);
    }
    return new HfTokenizer(tokenizer, file, vocabulary.size(), specialTokens);
  }

  @Override
  public int[] encode(String text) {
    Encoding encoding = tokenizer.encode(wellFormed(text), false, false);
    if (encoding.exceedMaxLength()) {
      throw new IllegalStateException(file + " truncated a text although truncation is off");
    }
    long[] ids = encoding.getIds();
    int[] out = new int[ids.length];
    for (int i = 0; i < ids.length; i++) {
      out[i] = Math.toIntExact(ids[i]);
    }
    return out;
  }

  /**
   * The text of {@code ids} as tokenizer.json's decoder writes it back, special tokens included;
   * for a lossless tokenizer {@code decode(encode(x))} is {@code x} (after its normalizer).
   */
  @Override
  public String decode(int[] ids) {
    long[] wide = new long[ids.length];
    for (int i = 0; i < ids.length; i++) {
      wide[i] = ids[i];
    }
    return tokenizer.decode(wide, false);
  }

  @Override
  public int vocabSize() {
    return vocabSize;
  }

  @Override
  public int bosId() {
    return specialTokens.bosId();
  }

  @Override
  public int eosId() {
    return specialTokens.eosId();
  }

  @Override
  public SpecialToken prefix() {
    if (specialTokens.bos() != null) {
      return specialTokens.bos();
    }
    if (specialTokens.eos() != null) {
      return specialTokens.eos();
    }
    throw new IllegalStateException(
        file.getParent() + ": the tokenizer has neither a BOS nor an EOS token to use as prefix"
            + " (looked in tokenizer_config.json, special_tokens_map.json and config.json)");
  }

  @Override
  public void close() {
    tokenizer.close();
  }

  private static String wellFormed(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
      }
    }
    return text;
  }
}

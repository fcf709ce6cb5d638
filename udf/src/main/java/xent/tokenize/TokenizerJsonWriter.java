package xent.tokenize;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Writes Hugging Face {@code tokenizer.json} files for vocabularies built here. */
public final class TokenizerJsonWriter {

  private TokenizerJsonWriter() {}

  /**
   * Writes a GPT-2 style byte-level BPE tokenizer: ByteLevel pre-tokenizer (no prefix space) and
   * decoder, ids 0..255 for the bytes in byte order (as {@link ByteLevelAlphabet} symbols), then
   * one id per merge in order, then the special tokens.
   *
   * <p>With no merges, a text's ids are its UTF-8 bytes.
   *
   * @param file the tokenizer.json to write
   * @param merges merge rules in priority order, each two existing pieces separated by one space
   *     (in alphabet symbols, e.g. "Ġ t"); empty for a plain byte tokenizer
   * @param specialTokens added special tokens such as "&lt;|endoftext|&gt;", never split or merged
   * @throws IllegalArgumentException when a merge is malformed or refers to an unknown piece, or a
   *     piece or special token repeats
   */
  public static void writeByteLevel(Path file, List<String> merges, List<String> specialTokens)
      throws IOException {
    Map<String, Integer> vocab = new LinkedHashMap<>();
    for (int b = 0; b < 256; b++) {
      vocab.put(String.valueOf(ByteLevelAlphabet.symbol(b)), b);
    }
    JsonArray mergeRules = new JsonArray();
    for (String merge : merges) {
      String[] parts = merge.split(" ", -1);
      if (parts.length != 2 || parts[0].isEmpty() || parts[1].isEmpty()) {
        throw new IllegalArgumentException(
            "merge '" + merge + "' must be two pieces separated by one space");
      }
      for (String part : parts) {
        if (!vocab.containsKey(part)) {
          throw new IllegalArgumentException(
              "merge '" + merge + "' uses '" + part + "', which no byte or earlier merge makes");
        }
      }
      addUnique(vocab, parts[0] + parts[1], "merge '" + merge + "'");
      mergeRules.add(merge);
    }
    JsonArray addedTokens = new JsonArray();
    for (String special : specialTokens) {
      if (special.isEmpty()) {
        throw new IllegalArgumentException("special tokens must not be empty");
      }
      int id = addUnique(vocab, special, "special token '" + special + "'");
      addedTokens.add(addedToken(id, special));
    }

    JsonObject model = new JsonObject();
    model.addProperty("type", "BPE");
    model.add("dropout", JsonNull.INSTANCE);
    model.add("unk_token", JsonNull.INSTANCE);
    model.addProperty("continuing_subword_prefix", "");
    model.addProperty("end_of_word_suffix", "");
    model.addProperty("fuse_unk", false);
    model.addProperty("byte_fallback", false);
    JsonObject vocabJson = new JsonObject();
    // Like GPT-2's file, the model vocabulary lists the special tokens too.
    vocab.forEach(vocabJson::addProperty);
    model.add("vocab", vocabJson);
    model.add("merges", mergeRules);

    JsonObject root = new JsonObject();
    root.addProperty("version", "1.0");
    root.add("truncation", JsonNull.INSTANCE);
    root.add("padding", JsonNull.INSTANCE);
    root.add("added_tokens", addedTokens);
    root.add("normalizer", JsonNull.INSTANCE);
    root.add("pre_tokenizer", byteLevel(false, true));
    root.add("post_processor", byteLevel(true, false));
    root.add("decoder", byteLevel(true, true));
    root.add("model", model);
    try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      new GsonBuilder()
          .setPrettyPrinting()
          .disableHtmlEscaping()
          .serializeNulls()
          .create()
          .toJson(root, out);
    }
  }

  private static int addUnique(Map<String, Integer> vocab, String piece, String what) {
    Integer existing = vocab.get(piece);
    if (existing != null) {
      throw new IllegalArgumentException(
          what + " makes '" + piece + "', which already has id " + existing);
    }
    int id = vocab.size();
    vocab.put(piece, id);
    return id;
  }

  private static JsonObject addedToken(int id, String content) {
    JsonObject token = new JsonObject();
    token.addProperty("id", id);
    token.addProperty("content", content);
    token.addProperty("single_word", false);
    token.addProperty("lstrip", false);
    token.addProperty("rstrip", false);
    token.addProperty("normalized", false);
    token.addProperty("special", true);
    return token;
  }

  private static JsonObject byteLevel(boolean addPrefixSpace, boolean trimOffsets) {
    JsonObject step = new JsonObject();
    step.addProperty("type", "ByteLevel");
    step.addProperty("add_prefix_space", addPrefixSpace);
    step.addProperty("trim_offsets", trimOffsets);
    step.addProperty("use_regex", true);
    return step;
  }
}

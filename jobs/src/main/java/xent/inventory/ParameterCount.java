package xent.inventory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import xent.model.checkpoint.MalformedCheckpointException;
import xent.model.checkpoint.SafetensorsFile;
import xent.model.checkpoint.Tensor;

/**
 * A checkpoint's parameters counted from its safetensors headers, weights never read.
 *
 * <p>{@code nonEmbedding} is Kaplan et al.'s N: every parameter except the token embedding, the
 * learned position embedding and the output head's weight when it is a tensor of its own (a head
 * bias stays in, as in {@code xent.model.ModelConfig#nonEmbeddingParameters} and training.json); a
 * tied head is the token embedding, counted once in {@code total} and left out with it.
 *
 * @param total all parameters, a tied head once
 * @param nonEmbedding total without token and position embeddings and the head's weight
 * @param head "tied" (the head is the token embedding) or "separate"
 * @param dtype the tensors' dtypes, '+'-joined when mixed (e.g. "BF16+F32")
 * @param bytes size of the weight files on disk
 */
public record ParameterCount(long total, long nonEmbedding, String head, String dtype, long bytes) {

  private static final Pattern TOKEN_EMBEDDING = Pattern.compile(
      "(^|\\.)(wte|embed_tokens|word_embeddings|embed_in|tok_embeddings)\\.weight$");
  private static final Pattern POSITION_EMBEDDING = Pattern.compile(
      "(^|\\.)(wpe|embed_positions|position_embeddings)\\.weight$");
  private static final Pattern HEAD = Pattern.compile("^(lm_head|embed_out|output)\\.weight$");

  public ParameterCount {
    if (total < 0 || nonEmbedding < 0 || nonEmbedding > total || bytes < 0) {
      throw new IllegalArgumentException("parameter count: need 0 <= non-embedding " + nonEmbedding
          + " <= total " + total + " and bytes " + bytes + " >= 0");
    }
  }

  /**
   * Counts the tensors of the Hugging Face folder {@code folder}: model.safetensors, or the shards
   * its index lists. {@code tiedHead} says config.json ties the head to the token embedding, so a
   * head tensor the file carries anyway is not counted twice.
   */
  public static ParameterCount of(Path folder, boolean tiedHead) throws IOException {
    long total = 0;
    long embeddings = 0;
    long heads = 0;
    long bytes = 0;
    TreeSet<String> dtypes = new TreeSet<>();
    for (Path file : weightFiles(folder)) {
      bytes += Files.size(file);
      SafetensorsFile weights = SafetensorsFile.read(file);
      for (Tensor t : weights.tensors().values()) {
        long numel = t.numel();
        total += numel;
        dtypes.add(t.dtype().name());
        if (TOKEN_EMBEDDING.matcher(t.name()).find() || POSITION_EMBEDDING.matcher(t.name()).find()) {
          embeddings += numel;
        } else if (HEAD.matcher(t.name()).matches()) {
          heads += numel;
        }
        t.unmap();
      }
    }
    String head = tiedHead || heads == 0 ? "tied" : "separate";
    if (tiedHead) {
      total -= heads; // the file stores the tied head as well: one tensor, counted once
      heads = 0;
    }
    return new ParameterCount(total, total - embeddings - heads, head, String.join("+", dtypes), bytes);
  }

  /** model.safetensors, or every shard named in model.safetensors.index.json. */
  static List<Path> weightFiles(Path folder) throws IOException {
    Path single = folder.resolve("model.safetensors");
    if (Files.isRegularFile(single)) {
      return List.of(single);
    }
    Path index = folder.resolve("model.safetensors.index.json");
    if (!Files.isRegularFile(index)) {
      throw new MalformedCheckpointException(folder + " has neither model.safetensors nor"
          + " model.safetensors.index.json");
    }
    JsonElement map;
    try {
      map = JsonParser.parseString(Files.readString(index)).getAsJsonObject().get("weight_map");
    } catch (RuntimeException e) {
      throw new MalformedCheckpointException(index + " is not a JSON object: " + e.getMessage(), e);
    }
    if (map == null || !map.isJsonObject()) {
      throw new MalformedCheckpointException(index + " has no weight_map object");
    }
    TreeSet<String> shards = new TreeSet<>();
    for (Map.Entry<String, JsonElement> e : ((JsonObject) map).entrySet()) {
      shards.add(e.getValue().getAsString());
    }
    List<Path> files = new ArrayList<>();
    for (String shard : shards) {
      files.add(folder.resolve(shard));
    }
    return files;
  }
}

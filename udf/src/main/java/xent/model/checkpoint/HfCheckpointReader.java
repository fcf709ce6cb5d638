package xent.model.checkpoint;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import xent.model.ModelConfig;
import xent.model.ModelFamily;

/**
 * Reads a Hugging Face model folder: {@code config.json} plus {@code model.safetensors}, or
 * {@code model.safetensors.index.json} and the shards it names (the single file wins when both
 * exist, as in transformers).
 *
 * <p>Names are normalised to those the family declares ({@link ModelFamily}): an optional prefix
 * (GPT2LMHeadModel's {@code transformer.}) is stripped and buffers that are not weights ({@code
 * h.N.attn.bias}, {@code rotary_emb.inv_freq}, ...) are dropped. A stored head ({@code
 * lm_head.weight}, GPT-NeoX's {@code embed_out.weight}) is the head whatever {@code
 * tie_word_embeddings} says, as in transformers 5, which keeps a stored head; without one the
 * head is the token embedding (many exports leave the flag false and save the shared tensor once).
 *
 * <p>Every expected tensor is checked for presence, shape and finite values before it is returned.
 */
public final class HfCheckpointReader implements CheckpointReader {

  static final String CONFIG_FILE = "config.json";
  static final String WEIGHTS_FILE = "model.safetensors";


  @Override
  public boolean accepts(Path path) {
    return Files.isDirectory(path)
        && (Files.isRegularFile(path.resolve(WEIGHTS_FILE))
            || Files.isRegularFile(path.resolve(SafetensorsWriter.INDEX_FILE)));
  }

  @Override
  public Checkpoint read(Path folder) throws IOException {
    String origin = "model folder " + folder;
    Path configFile = folder.resolve(CONFIG_FILE);
    if (!Files.isRegularFile(configFile)) {
      throw new MalformedCheckpointException(origin + " has no " + CONFIG_FILE);
    }
    ModelConfig config = HfConfig.read(configFile);
    Map<String, Tensor> stored = readWeights(folder, origin);
    ModelFamily family = ModelFamily.of(config.family());
    Map<String, Tensor> tensors = familyNames(family, stored, origin);
    config = config.withTiedEmbeddings(!tensors.containsKey(family.head()));
    Checkpoint checkpoint = new Checkpoint(folder, config, tensors);
    TensorLayout.of(config).check(checkpoint, origin, CONFIG_FILE);
    return checkpoint;
  }

  private static Map<String, Tensor> readWeights(Path folder, String origin) throws IOException {
    Path single = folder.resolve(WEIGHTS_FILE);
    if (Files.isRegularFile(single)) {
      return new LinkedHashMap<>(SafetensorsFile.read(single).tensors());
    }
    Path indexFile = folder.resolve(SafetensorsWriter.INDEX_FILE);
    JsonObject weightMap = weightMap(indexFile);
    Map<String, SafetensorsFile> shards = new LinkedHashMap<>();
    Map<String, Tensor> tensors = new LinkedHashMap<>();
    for (Map.Entry<String, JsonElement> e : weightMap.entrySet()) {
      String shardName = e.getValue().isJsonPrimitive() ? e.getValue().getAsString() : "";
      Path shard = folder.resolve(shardName).normalize();
      if (shardName.isEmpty() || !folder.normalize().equals(shard.getParent())) {
        throw new MalformedCheckpointException(indexFile + ": tensor " + e.getKey()
            + " maps to " + e.getValue() + ", not a file name in " + folder);
      }
      if (!shards.containsKey(shardName)) {
        if (!Files.isRegularFile(shard)) {
          throw new MalformedCheckpointException(origin + ": shard " + shardName + " named by "
              + SafetensorsWriter.INDEX_FILE + " does not exist");
        }
        shards.put(shardName, SafetensorsFile.read(shard));
      }
      Tensor t = shards.get(shardName).tensors().get(e.getKey());
      if (t == null) {
        throw new MalformedCheckpointException(indexFile + " places tensor " + e.getKey() + " in "
            + shard + ", which does not hold it");
      }
      tensors.put(e.getKey(), t);
    }
    for (SafetensorsFile shard : shards.values()) {
      for (String name : shard.tensors().keySet()) {
        JsonElement placed = weightMap.get(name);
        if (placed == null || !folder.resolve(placed.getAsString()).normalize().equals(shard.file())) {
          throw new MalformedCheckpointException(shard.file() + " holds tensor " + name
              + ", which " + indexFile + " does not place there");
        }
      }
    }
    return tensors;
  }

  private static JsonObject weightMap(Path indexFile) throws IOException {
    try {
      JsonElement index = JsonParser.parseString(Files.readString(indexFile, StandardCharsets.UTF_8));
      if (index.isJsonObject() && index.getAsJsonObject().has("weight_map")
          && index.getAsJsonObject().get("weight_map").isJsonObject()) {
        return index.getAsJsonObject().getAsJsonObject("weight_map");
      }
    } catch (JsonParseException e) {
      throw new MalformedCheckpointException(indexFile + " is not valid JSON: " + e.getMessage(), e);
    }
    throw new MalformedCheckpointException(indexFile + " has no weight_map object");
  }

  /** The stored names without the family's optional prefix, its buffers dropped. */
  private static Map<String, Tensor> familyNames(ModelFamily family, Map<String, Tensor> stored,
      String origin) throws MalformedCheckpointException {
    String prefix = family.strippedPrefix();
    Map<String, Tensor> out = new LinkedHashMap<>();
    for (Tensor t : stored.values()) {
      String name = !prefix.isEmpty() && t.name().startsWith(prefix)
          ? t.name().substring(prefix.length()) : t.name();
      if (family.buffers().matcher(name).matches()) {
        continue;
      }
      if (out.put(name, new Tensor(name, t.dtype(), t.shape(), t.data())) != null) {
        throw new MalformedCheckpointException(origin + ": tensor " + name
            + " is stored both with and without the " + prefix + " prefix");
      }
    }
    return out;
  }
}

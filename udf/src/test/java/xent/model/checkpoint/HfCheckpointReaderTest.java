package xent.model.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import xent.model.ModelConfig;
import xent.model.RopeScaling;
import xent.model.TensorSpec;

@Tag("fast")
class HfCheckpointReaderTest {

  @TempDir Path dir;

  /** A tiny untied grouped-query Llama: dim 16, 2 layers, 4 heads of 4, 2 kv heads. */
  private static JsonObject llamaConfig() {
    JsonObject c = new JsonObject();
    c.addProperty("model_type", "llama");
    c.addProperty("hidden_size", 16);
    c.addProperty("num_hidden_layers", 2);
    c.addProperty("num_attention_heads", 4);
    c.addProperty("num_key_value_heads", 2);
    c.addProperty("intermediate_size", 24);
    c.addProperty("vocab_size", 32);
    c.addProperty("max_position_embeddings", 64);
    c.addProperty("rms_norm_eps", 1e-5);
    c.addProperty("tie_word_embeddings", false);
    c.addProperty("bos_token_id", 1);
    c.addProperty("eos_token_id", 2);
    return c;
  }

  /** Random values for every tensor the configuration implies, by name. */
  private static Map<String, float[]> randomWeights(ModelConfig config, long seed) {
    Random random = new Random(seed);
    Map<String, float[]> weights = new LinkedHashMap<>();
    for (TensorSpec e : TensorLayout.of(config).entries()) {
      float[] values = new float[Math.toIntExact(numel(e.shape()))];
      for (int i = 0; i < values.length; i++) {
        values[i] = (float) random.nextGaussian();
      }
      weights.put(e.name(), values);
    }
    return weights;
  }

  private static long numel(long[] shape) {
    long n = 1;
    for (long d : shape) {
      n *= d;
    }
    return n;
  }

  private static Map<String, long[]> shapes(ModelConfig config) {
    Map<String, long[]> shapes = new LinkedHashMap<>();
    TensorLayout.of(config).entries().forEach(e -> shapes.put(e.name(), e.shape()));
    return shapes;
  }

  private static SafetensorsWriter writer(Map<String, float[]> weights, Map<String, long[]> shapes,
      DType dtype) {
    SafetensorsWriter writer = new SafetensorsWriter();
    weights.forEach((name, values) -> writer.add(name, dtype, shapes.get(name), values));
    return writer;
  }

  private static Path writeConfig(Path folder, JsonObject config) throws IOException {
    Files.createDirectories(folder);
    Files.writeString(folder.resolve("config.json"),
        new GsonBuilder().serializeNulls().create().toJson(config), StandardCharsets.UTF_8);
    return folder.resolve("config.json");
  }

  /** A tiny Llama folder being built: its config.json is written, its weights not yet. */
  private record TinyLlama(Path folder, ModelConfig config, Map<String, float[]> weights,
      Map<String, long[]> shapes) {

    /** Writes the (possibly edited) weights as model.safetensors and returns the folder. */
    Path write(DType dtype) throws IOException {
      writer(weights, shapes, dtype).write(folder.resolve("model.safetensors"));
      return folder;
    }
  }

  private TinyLlama tinyLlama(String name, long seed) throws IOException {
    Path folder = dir.resolve(name);
    ModelConfig config = HfConfig.read(writeConfig(folder, llamaConfig()));
    return new TinyLlama(folder, config, randomWeights(config, seed), shapes(config));
  }

  @ParameterizedTest
  @EnumSource(DType.class)
  void roundTripsLlamaWeightsInEveryDtype(DType dtype) throws IOException {
    TinyLlama llama = tinyLlama("llama-" + dtype, 1);
    ModelConfig config = llama.config();
    Map<String, float[]> weights = llama.weights();

    Checkpoint checkpoint = Checkpoints.open(llama.write(dtype));

    assertEquals(config, checkpoint.config());
    assertEquals(new ModelConfig(ModelConfig.Family.LLAMA, 32, 16, 2, 4, 2, 4, 24, 64, 1e-5,
        10000.0, null, false, false, 0, 1, 2), checkpoint.config());
    assertEquals(weights.keySet(), checkpoint.tensors().keySet());
    assertEquals(2 * 9 + 3, checkpoint.tensors().size());
    for (Map.Entry<String, float[]> e : weights.entrySet()) {
      Tensor t = checkpoint.tensors().get(e.getKey());
      assertEquals(dtype, t.dtype());
      float[] expected = e.getValue().clone();
      for (int i = 0; i < expected.length; i++) {
        expected[i] = switch (dtype) {
          case F32 -> expected[i];
          case F16 -> HalfPrecisionOracle.nearestF16(expected[i]);
          case BF16 -> HalfPrecisionOracle.nearestBf16(expected[i]);
        };
      }
      assertArrayEquals(expected, t.toFloatArray(), e.getKey());
    }
  }

  @Test
  void readsThreeShardsAsTheSameTensorsAsOneFile() throws IOException {
    TinyLlama llama = tinyLlama("single", 2);
    Path single = llama.write(DType.BF16);
    Path sharded = dir.resolve("sharded");
    writeConfig(sharded, llamaConfig());
    writer(llama.weights(), llama.shapes(), DType.BF16).writeSharded(sharded, 3);

    Checkpoint one = Checkpoints.open(single);
    Checkpoint three = Checkpoints.open(sharded);

    assertTrue(Files.exists(sharded.resolve("model-00003-of-00003.safetensors")));
    assertFalse(Files.exists(sharded.resolve("model.safetensors")));
    JsonObject index = new Gson().fromJson(
        Files.readString(sharded.resolve("model.safetensors.index.json")), JsonObject.class);
    Set<String> shardFiles = new java.util.TreeSet<>();
    index.getAsJsonObject("weight_map").entrySet().forEach(e -> shardFiles.add(e.getValue().getAsString()));
    assertEquals(Set.of("model-00001-of-00003.safetensors", "model-00002-of-00003.safetensors",
        "model-00003-of-00003.safetensors"), shardFiles);
    long totalBytes = one.tensors().values().stream().mapToLong(t -> t.numel() * 2).sum();
    assertEquals(totalBytes, index.getAsJsonObject("metadata").get("total_size").getAsLong());
    assertEquals(one.config(), three.config());
    assertEquals(one.tensors().keySet(), three.tensors().keySet());
    for (String name : one.tensors().keySet()) {
      assertEquals(one.tensors().get(name).data(), three.tensors().get(name).data(), name);
    }
  }

  @Test
  void rejectsShapeThatDisagreesWithConfigNamingTensorAndBothShapes() throws IOException {
    TinyLlama llama = tinyLlama("bad-shape", 3);
    String kProj = "model.layers.1.self_attn.k_proj.weight";
    llama.shapes().put(kProj, new long[] {16, 16});
    llama.weights().put(kProj, new float[256]);
    Path folder = llama.write(DType.F32);

    IOException e = assertThrows(MalformedCheckpointException.class, () -> Checkpoints.open(folder));

    assertEquals("model folder " + folder + ": tensor " + kProj + " has shape [16, 16], expected"
        + " [8, 16] (n_kv_heads * head_dim, dim) from config.json", e.getMessage());
  }

  @Test
  void rejectsNanWeightNamingTensorAndIndex() throws IOException {
    TinyLlama llama = tinyLlama("nan", 4);
    llama.weights().get("model.layers.0.mlp.down_proj.weight")[37] = Float.NaN;
    Path folder = llama.write(DType.F16);

    IOException e = assertThrows(MalformedCheckpointException.class, () -> Checkpoints.open(folder));

    assertEquals("model folder " + folder + ": tensor model.layers.0.mlp.down_proj.weight holds a"
        + " NaN or infinite value at flat index 37", e.getMessage());
  }

  @Test
  void rejectsUnknownModelTypeListingSupportedTypes() throws IOException {
    Path folder = dir.resolve("t5");
    JsonObject config = llamaConfig();
    config.addProperty("model_type", "t5");
    Path configFile = writeConfig(folder, config);
    new SafetensorsWriter().add("x", DType.F32, new long[] {1}, new float[1])
        .write(folder.resolve("model.safetensors"));

    IOException e = assertThrows(MalformedCheckpointException.class, () -> Checkpoints.open(folder));

    assertEquals(configFile + ": model_type 't5' is not supported; xent reads [gpt2,"
        + " gpt_neox, llama, mistral, qwen2, qwen3, gemma, gemma2, olmo, olmo2, stablelm, phi,"
        + " gptj, phi3, opt, bloom, falcon]", e.getMessage());
  }

  @Test
  void readsUntiedConfigWithoutLmHeadAsTied() throws IOException {
    TinyLlama llama = tinyLlama("no-head", 5);
    llama.weights().remove("lm_head.weight");

    Checkpoint checkpoint = Checkpoints.open(llama.write(DType.F32));

    assertFalse(llama.config().tiedEmbeddings());
    assertTrue(checkpoint.config().tiedEmbeddings());
    assertFalse(checkpoint.has("lm_head.weight"));
  }

  @Test
  void keepsAStoredLmHeadOfATiedLlamaAsTransformers5Does() throws IOException {
    TinyLlama llama = tinyLlama("tied-with-head", 6);
    JsonObject tied = llamaConfig();
    tied.addProperty("tie_word_embeddings", true);
    writeConfig(llama.folder(), tied);

    Checkpoint checkpoint = Checkpoints.open(llama.write(DType.F32));

    assertFalse(checkpoint.config().tiedEmbeddings());
    assertArrayEquals(llama.weights().get("lm_head.weight"),
        checkpoint.tensor("lm_head.weight", 32, 16).toFloatArray());
  }

  @Test
  void rejectsBiasTensorsWhenConfigSaysNoAttentionBias() throws IOException {
    TinyLlama llama = tinyLlama("bias", 6);
    llama.weights().put("model.layers.0.self_attn.q_proj.bias", new float[16]);
    llama.shapes().put("model.layers.0.self_attn.q_proj.bias", new long[] {16});
    Path folder = llama.write(DType.F32);

    IOException e = assertThrows(MalformedCheckpointException.class, () -> Checkpoints.open(folder));

    assertTrue(e.getMessage().startsWith("model folder " + folder + ": unexpected tensors"
        + " [model.layers.0.self_attn.q_proj.bias] for the LLAMA layout of config.json"), e.getMessage());
  }

  @Test
  void readsGpt2StrippingTransformerPrefixAndDroppingBuffersButKeepingAStoredHead()
      throws IOException {
    Path folder = dir.resolve("gpt2");
    JsonObject json = new JsonObject();
    json.addProperty("model_type", "gpt2");
    json.addProperty("n_embd", 8);
    json.addProperty("n_layer", 2);
    json.addProperty("n_head", 2);
    json.add("n_inner", JsonNull.INSTANCE);
    json.addProperty("n_ctx", 12);
    json.addProperty("vocab_size", 10);
    json.addProperty("bos_token_id", 9);
    json.addProperty("eos_token_id", 9);
    writeConfig(folder, json);
    ModelConfig config = HfConfig.read(folder.resolve("config.json"));
    Map<String, float[]> weights = randomWeights(config, 7);
    Map<String, long[]> shapes = shapes(config);
    SafetensorsWriter writer = new SafetensorsWriter();
    weights.forEach((name, v) -> writer.add("transformer." + name, DType.F32, shapes.get(name), v));
    writer.add("transformer.h.0.attn.bias", DType.F32, new long[] {1, 1, 12, 12}, new float[144]);
    writer.add("transformer.h.1.attn.masked_bias", DType.F32, new long[] {}, new float[] {-1e4f});
    writer.add("lm_head.weight", DType.F32, new long[] {10, 8}, weights.get("wte.weight"));
    writer.write(folder.resolve("model.safetensors"));

    Checkpoint checkpoint = Checkpoints.open(folder);

    // transformers 5 keeps a stored lm_head.weight as the head, tied or not
    assertEquals(new ModelConfig(ModelConfig.Family.GPT2, 10, 8, 2, 2, 2, 4, 32, 12, 1e-5, 0.0,
        null, false, true, 0, 9, 9), checkpoint.config());
    Set<String> expected = new HashSet<>(weights.keySet());
    expected.add("lm_head.weight");
    assertEquals(expected, checkpoint.tensors().keySet());
    assertEquals(2 + 2 * 12 + 2 + 1, checkpoint.tensors().size());
    assertArrayEquals(weights.get("h.1.mlp.c_fc.weight"),
        checkpoint.tensor("h.1.mlp.c_fc.weight", 8, 32).toFloatArray());
  }

  @Test
  void readsQwen2MistralAndLlama3ConfigKeys() throws IOException {
    JsonObject qwen = llamaConfig();
    qwen.addProperty("model_type", "qwen2");
    qwen.addProperty("use_sliding_window", false);
    qwen.addProperty("sliding_window", 4096);
    qwen.addProperty("rope_theta", 1000000.0);
    JsonArray bos = new JsonArray();
    bos.add(5);
    bos.add(6);
    qwen.add("bos_token_id", bos);
    qwen.add("eos_token_id", JsonNull.INSTANCE);
    ModelConfig q = HfConfig.read(writeConfig(dir.resolve("qwen"), qwen));
    assertTrue(q.attentionBias());
    assertEquals(0, q.slidingWindow());
    assertEquals(1e6, q.ropeTheta());
    assertEquals(5, q.bosId());
    assertEquals(-1, q.eosId());

    JsonObject mistral = llamaConfig();
    mistral.addProperty("model_type", "mistral");
    mistral.addProperty("sliding_window", 32);
    mistral.addProperty("head_dim", 8);
    mistral.add("num_key_value_heads", JsonNull.INSTANCE); // null: MHA; absent would be 8
    ModelConfig m = HfConfig.read(writeConfig(dir.resolve("mistral"), mistral));
    assertEquals(32, m.slidingWindow());
    assertEquals(8, m.headDim());
    assertEquals(4, m.nKvHeads());
    assertFalse(m.attentionBias());

    JsonObject llama3 = llamaConfig();
    JsonObject scaling = new JsonObject();
    scaling.addProperty("rope_type", "llama3");
    scaling.addProperty("factor", 8.0);
    scaling.addProperty("low_freq_factor", 1.0);
    scaling.addProperty("high_freq_factor", 4.0);
    scaling.addProperty("original_max_position_embeddings", 8192);
    llama3.add("rope_scaling", scaling);
    llama3.addProperty("attention_bias", true);
    ModelConfig l = HfConfig.read(writeConfig(dir.resolve("llama3"), llama3));
    assertEquals(new RopeScaling("llama3", 8.0, 1.0, 4.0, 8192), l.ropeScaling());
    assertTrue(l.attentionBias());

    JsonObject plain = llamaConfig();
    JsonObject defaultType = new JsonObject();
    defaultType.addProperty("type", "default");
    plain.add("rope_scaling", defaultType);
    assertNull(HfConfig.read(writeConfig(dir.resolve("plain"), plain)).ropeScaling());
  }

  @Test
  void rejectsMissingArchitectureKeyNamingConfigFile() throws IOException {
    JsonObject config = llamaConfig();
    config.remove("intermediate_size");
    Path file = writeConfig(dir.resolve("incomplete"), config);

    IOException e = assertThrows(MalformedCheckpointException.class, () -> HfConfig.read(file));

    assertEquals(file + ": required key intermediate_size is missing", e.getMessage());
  }

  @Test
  void prefersSafetensorsOverAPickleInTheSameFolder() throws IOException {
    TinyLlama llama = tinyLlama("both", 8);
    Path folder = llama.write(DType.F32);
    Files.write(folder.resolve("pytorch_model.bin"), new byte[] {(byte) 0x80, 2, (byte) 0x8a, 0x0a});

    assertEquals(llama.shapes().keySet(), Checkpoints.open(folder).tensors().keySet());
  }
}

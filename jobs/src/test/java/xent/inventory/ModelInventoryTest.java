package xent.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import xent.RequiresSharedData;
import xent.SharedData;
import xent.cli.Main;
import xent.model.ModelConfig;
import xent.model.ModelSpec;
import xent.model.checkpoint.Checkpoint;
import xent.model.checkpoint.DType;
import xent.model.checkpoint.HfCheckpointWriter;
import xent.model.checkpoint.Tensor;
import xent.reference.RandomCheckpoints;

/** xent models: parameter counts from safetensors headers, shapes from config.json, progress from names. */
@Tag("fast")
class ModelInventoryTest {

  @Test
  @RequiresSharedData
  void listsEveryReferenceFamilyWithTheParamsTransformersCounted(@TempDir Path dir) throws Exception {
    Path families = SharedData.dir().resolve("reference/families");
    Path csv = dir.resolve("models.csv");
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = Main.run(new String[] {"models", families.toString(), "--out", csv.toString()},
        new PrintStream(new ByteArrayOutputStream()), new PrintStream(err));
    assertEquals(0, status, err.toString());

    List<CSVRecord> rows = read(csv);
    List<Path> folders;
    try (Stream<Path> list = Files.list(families)) {
      folders = list.filter(Files::isDirectory).sorted().toList();
    }
    assertEquals(17, folders.size());
    assertEquals(folders.size(), rows.size());
    for (int i = 0; i < folders.size(); i++) {
      Path folder = folders.get(i);
      JsonObject info = JsonParser.parseString(Files.readString(folder.resolve("random_info.json"))).getAsJsonObject();
      CSVRecord row = rows.get(i);
      String name = folder.getFileName().toString();
      assertEquals(name, row.get("model"));
      assertEquals(info.get("params").getAsLong(), Long.parseLong(row.get("N")), name + ": N");
      assertEquals(info.get("arch").getAsString(), row.get("model_type"), name);
      assertEquals(info.get("tied").getAsBoolean() ? "tied" : "separate", row.get("head"), name);
      assertEquals(info.get("vocab_size").getAsString(), row.get("vocab"), name);
      assertEquals("2", row.get("layers"), name);
      assertEquals("64", row.get("d_model"), name);
      assertEquals("4", row.get("heads"), name);
      assertEquals("F32", row.get("dtype"), name);
      assertEquals(Files.size(folder.resolve("model.safetensors")), Long.parseLong(row.get("bytes")), name);
      // Kaplan: without the vocab x 64 token embedding, a separate head of the same shape, and
      // learned positions (GPT-2's 512 rows, OPT's 512 + its offset of 2)
      long positions = switch (name) {
        case "gpt2" -> 512L * 64;
        case "opt" -> 514L * 64;
        default -> 0;
      };
      long embeddings = 512L * 64 * (info.get("tied").getAsBoolean() ? 1 : 2) + positions;
      assertEquals(info.get("params").getAsLong() - embeddings, Long.parseLong(row.get("N_non_embedding")), name);
      assertEquals("", row.get("step"), name + ": no step stated");
      assertEquals("", row.get("D"), name + ": no tokens stated");
      assertEquals("", row.get("family"), name + ": no family stated");
    }
    assertEquals("1", rows.stream().filter(r -> r.get("model").equals("falcon")).findFirst().orElseThrow().get("kv_heads"),
        "falcon's multi_query: one key/value head");
    assertEquals("", rows.stream().filter(r -> r.get("model").equals("bloom")).findFirst().orElseThrow().get("context"),
        "BLOOM (ALiBi) states no positions");
  }

  @Test
  void refusesAMissingFolderInOneLineNamingTheSpec() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = Main.run(new String[] {"models", "suite=/no/such", "--out", "/tmp/never.csv"},
        new PrintStream(new ByteArrayOutputStream()), new PrintStream(err));
    assertEquals(1, status);
    assertEquals("xent: error: model spec 'suite=/no/such': /no/such does not exist\n", err.toString());
  }

  @Test
  void countsShardsAndAHeadThatTheFileStoresBesideItsTiedEmbeddingOnce(@TempDir Path dir) throws Exception {
    Checkpoint tied = RandomCheckpoints.gpt2().optVocabSize(257).optDim(16).optLayers(1).optHeads(2, 2)
        .optMaxPositions(32).build(1);
    ModelConfig config = tied.config();
    Path plain = dir.resolve("plain");
    HfCheckpointWriter.write(plain, config, tied.tensors(), DType.F32, 2); // sharded, with an index
    Map<String, Tensor> withHead = new LinkedHashMap<>(tied.tensors());
    Tensor wte = tied.tensors().get("wte.weight");
    withHead.put("lm_head.weight", Tensor.f32("lm_head.weight", wte.shape(), wte.toFloatArray()));
    Path duplicated = dir.resolve("duplicated");
    HfCheckpointWriter.write(duplicated, config, withHead, DType.F32, 1);

    InventoryRow a = ModelInventory.row(new ModelSpec("plain", plain), null);
    InventoryRow b = ModelInventory.row(new ModelSpec("duplicated", duplicated), null);
    assertEquals(config.totalParameters(), a.n());
    assertEquals(config.nonEmbeddingParameters(), a.nNonEmbedding());
    assertEquals(config.totalParameters(), b.n(), "the stored copy of the tied head is not counted");
    assertEquals(config.nonEmbeddingParameters(), b.nNonEmbedding());
    assertEquals("tied", b.head());
  }

  /**
   * Pythia-1B's shapes (GPT-NeoX, 16 layers of width 2048, vocabulary 50304, untied embed_out) in an
   * F16 header over a sparse file: the counts Pythia publishes, 1,011,781,632 parameters of which
   * 805,736,448 are non-embedding (Biderman et al. 2023, table 1).
   */
  @Test
  void countsPythia1bAsPublishedFromItsHeaderAlone(@TempDir Path dir) throws Exception {
    int layers = 16;
    long d = 2048;
    long vocab = 50304;
    LinkedHashMap<String, long[]> shapes = new LinkedHashMap<>();
    shapes.put("gpt_neox.embed_in.weight", new long[] {vocab, d});
    for (int i = 0; i < layers; i++) {
      String p = "gpt_neox.layers." + i + ".";
      for (String norm : List.of("input_layernorm", "post_attention_layernorm")) {
        shapes.put(p + norm + ".weight", new long[] {d});
        shapes.put(p + norm + ".bias", new long[] {d});
      }
      shapes.put(p + "attention.query_key_value.weight", new long[] {3 * d, d});
      shapes.put(p + "attention.query_key_value.bias", new long[] {3 * d});
      shapes.put(p + "attention.dense.weight", new long[] {d, d});
      shapes.put(p + "attention.dense.bias", new long[] {d});
      shapes.put(p + "mlp.dense_h_to_4h.weight", new long[] {4 * d, d});
      shapes.put(p + "mlp.dense_h_to_4h.bias", new long[] {4 * d});
      shapes.put(p + "mlp.dense_4h_to_h.weight", new long[] {d, 4 * d});
      shapes.put(p + "mlp.dense_4h_to_h.bias", new long[] {d});
    }
    shapes.put("gpt_neox.final_layer_norm.weight", new long[] {d});
    shapes.put("gpt_neox.final_layer_norm.bias", new long[] {d});
    shapes.put("embed_out.weight", new long[] {vocab, d});
    JsonObject header = new JsonObject();
    long offset = 0;
    for (Map.Entry<String, long[]> e : shapes.entrySet()) {
      long bytes = 2 * Arrays.stream(e.getValue()).reduce(1, (x, y) -> x * y);
      JsonObject entry = new JsonObject();
      entry.addProperty("dtype", "F16");
      entry.add("shape", new Gson().toJsonTree(e.getValue()));
      entry.add("data_offsets", new Gson().toJsonTree(new long[] {offset, offset + bytes}));
      header.add(e.getKey(), entry);
      offset += bytes;
    }
    byte[] json = header.toString().getBytes(StandardCharsets.UTF_8);
    Path folder = Files.createDirectories(dir.resolve("pythia-1b/step143000"));
    Files.writeString(folder.resolve("config.json"), "{\"model_type\": \"gpt_neox\", \"hidden_size\": 2048,"
        + " \"num_hidden_layers\": 16, \"num_attention_heads\": 8, \"vocab_size\": 50304,"
        + " \"max_position_embeddings\": 2048, \"tie_word_embeddings\": false}");
    try (java.io.RandomAccessFile file = new RandomAccessFile(folder.resolve("model.safetensors").toFile(), "rw")) {
      file.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(json.length).array());
      file.write(json);
      file.setLength(8 + json.length + offset); // sparse: the weights are never read
    }
    List<InventoryRow> rows = ModelInventory.of(List.of(ModelSuite.parse("pythia=" + dir + "/pythia-1b")));
    assertEquals(1, rows.size());
    InventoryRow row = rows.get(0);
    assertEquals("pythia.step143000", row.model());
    assertEquals(1_011_781_632L, row.n());
    assertEquals(805_736_448L, row.nNonEmbedding());
    assertEquals("separate", row.head());
    assertEquals("F16", row.dtype());
    assertEquals(143_000L, row.step());
    assertEquals("pythia", row.family(), "the spec's NAME when no training.json names a family");
  }

  @Test
  void readsStepAndTokensFromTrainingRecordsAndFolderNames(@TempDir Path dir) throws Exception {
    assertProgress(dir.resolve("step-000250"), null, 250L, null);
    assertProgress(dir.resolve("checkpoint-1200"), null, 1200L, null);
    assertProgress(dir.resolve("step143000"), null, 143000L, null);
    assertProgress(dir.resolve("step1000-tokens4B"), null, 1000L, 4_000_000_000L);
    assertProgress(dir.resolve("main"), null, null, null);
    assertProgress(dir.resolve("checkpoint-50"), Map.of("trainer_state.json",
        "{\"global_step\": 60, \"num_input_tokens_seen\": 98304}"), 60L, 98304L);
    assertProgress(dir.resolve("step-9"), Map.of("training.json",
        "{\"family\": \"llama\", \"step\": 8, \"tokens\": 4096}"), 8L, 4096L);
  }

  private static void assertProgress(Path folder, Map<String, String> files, Long step, Long tokens)
      throws Exception {
    Files.createDirectories(folder);
    if (files != null) {
      for (Map.Entry<String, String> f : files.entrySet()) {
        Files.writeString(folder.resolve(f.getKey()), f.getValue());
      }
    }
    TrainingProgress progress = TrainingProgress.of(folder);
    assertEquals(step, progress.step(), folder + ": step");
    assertEquals(tokens, progress.tokens(), folder + ": tokens");
    if (files == null || !files.containsKey("training.json")) {
      assertNull(progress.family());
    }
  }

  static List<CSVRecord> read(Path csv) throws Exception {
    try (Reader reader = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
      return CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader).getRecords();
    }
  }
}

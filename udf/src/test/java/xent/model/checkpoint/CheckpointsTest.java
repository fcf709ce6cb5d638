package xent.model.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("fast")
class CheckpointsTest {

  private static final String REFUSAL = ": pickle checkpoints are not read; convert to safetensors"
      + " (e.g. with transformers' save_pretrained(safe_serialization=True))";

  @TempDir Path dir;

  /** A torch.save-style zip: {@code archive/data.pkl} plus a storage entry. */
  private static void writeTorchZip(Path file, String pickleEntry) throws IOException {
    try (OutputStream out = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(out)) {
      zip.putNextEntry(new ZipEntry(pickleEntry));
      zip.write(new byte[] {(byte) 0x80, 2, '}', 'q', 0, '.'});
      zip.closeEntry();
      zip.putNextEntry(new ZipEntry("archive/data/0"));
      zip.write(new byte[16]);
      zip.closeEntry();
    }
  }

  @Test
  void refusesFolderHoldingOnlyAZipPickleNamingIt() throws IOException {
    Files.writeString(dir.resolve("config.json"), "{\"model_type\": \"llama\"}");
    Path weights = dir.resolve("pytorch_model.bin");
    writeTorchZip(weights, "archive/data.pkl");

    IOException e = assertThrows(MalformedCheckpointException.class, () -> Checkpoints.open(dir));

    assertEquals(weights + REFUSAL, e.getMessage());
  }

  @Test
  void refusesRawPickleStreamEvenWhenNamedModelBin() throws IOException {
    Path weights = dir.resolve("model.bin");
    Files.write(weights, new byte[] {(byte) 0x80, 2, (byte) 0x8a, 0x0a, 0x6c, (byte) 0xfc, (byte) 0x9c});

    IOException e = assertThrows(MalformedCheckpointException.class, () -> Checkpoints.open(dir));

    assertTrue(e.getMessage().startsWith(weights + REFUSAL), e.getMessage());
  }

  @Test
  void refusesPickleGivenAsAFilePathWhateverItsName() throws IOException {
    Path weights = dir.resolve("weights.safetensors");
    writeTorchZip(weights, "data.pkl");

    IOException e = assertThrows(MalformedCheckpointException.class, () -> Checkpoints.open(weights));

    assertTrue(e.getMessage().startsWith(weights + REFUSAL), e.getMessage());
  }

  @Test
  void recognisesPicklesByContentNotByName() throws IOException {
    Path zipWithoutPickle = dir.resolve("pytorch_model.bin");
    try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(zipWithoutPickle))) {
      zip.putNextEntry(new ZipEntry("readme.txt"));
      zip.closeEntry();
    }
    Path protocol1 = dir.resolve("old.pt");
    Files.write(protocol1, new byte[] {(byte) 0x80, 1, 0});
    Path protocol5 = dir.resolve("notes.txt");
    Files.write(protocol5, new byte[] {(byte) 0x80, 5, (byte) 0x95});

    assertFalse(PickledCheckpoint.isPickle(zipWithoutPickle));
    assertFalse(PickledCheckpoint.isPickle(protocol1));
    assertTrue(PickledCheckpoint.isPickle(protocol5));
  }

  @Test
  void readsLlama2cModelWhoseHeaderBeginsLikeAPickle() throws IOException {
    // dim 640 is 0x280: the file starts with the bytes 0x80 0x02, as a protocol 2 pickle does.
    int dim = 640;
    int hidden = 4;
    int heads = 2;
    int vocab = 2;
    int seqLen = 1;
    long floats = (long) vocab * dim + dim + 4L * dim * dim + dim + 3L * hidden * dim + dim
        + (long) seqLen * (dim / heads);
    ByteBuffer bytes = ByteBuffer.allocate(Math.toIntExact(28 + 4 * floats)).order(ByteOrder.LITTLE_ENDIAN);
    bytes.putInt(dim).putInt(hidden).putInt(1).putInt(heads).putInt(heads).putInt(vocab).putInt(seqLen);
    Path model = dir.resolve("model.bin");
    Files.write(model, bytes.array());

    Checkpoint checkpoint = Checkpoints.open(dir);

    assertEquals((byte) 0x80, Files.readAllBytes(model)[0]);
    assertEquals(640, checkpoint.config().dim());
    assertEquals(320, checkpoint.config().headDim());
    assertEquals(2 + 9, checkpoint.tensors().size());
  }

  @Test
  void doesNotTakeStories260kForAPickle() {
    String shared = System.getProperty("xent.shared");
    Path model = shared == null ? null : Path.of(shared, "models", "stories260K", "model.bin");
    Assumptions.assumeTrue(model != null && Files.isRegularFile(model), "needs ../shared/models/stories260K");

    assertFalse(PickledCheckpoint.isPickle(model));
  }

  @Test
  void namesAMissingModelFolder() {
    Path missing = dir.resolve("no-such-model");

    IOException e = assertThrows(MalformedCheckpointException.class, () -> Checkpoints.open(missing));

    assertEquals("model folder " + missing + " does not exist", e.getMessage());
  }

  @Test
  void namesTheFormatsItLookedForInAFolderWithoutWeights() throws IOException {
    Files.writeString(dir.resolve("tokenizer.json"), "{}");

    IOException e = assertThrows(MalformedCheckpointException.class, () -> Checkpoints.open(dir));

    assertEquals(dir + " holds no checkpoint xent reads; looked for a Hugging Face folder"
        + " (config.json with model.safetensors or model.safetensors.index.json) and llama2.c"
        + " weights (a folder with model.bin, or a .bin file)", e.getMessage());
  }

  @Test
  void namesTheFolderWhoseConfigJsonIsMissing() throws IOException {
    new SafetensorsWriter().add("x", DType.F32, new long[] {1}, new float[1])
        .write(dir.resolve("model.safetensors"));

    IOException e = assertThrows(MalformedCheckpointException.class, () -> Checkpoints.open(dir));

    assertEquals("model folder " + dir + " has no config.json", e.getMessage());
  }
}

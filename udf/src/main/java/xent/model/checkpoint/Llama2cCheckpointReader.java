package xent.model.checkpoint;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
import xent.model.ModelConfig;

/**
 * Reads a llama2.c model: a folder holding {@code model.bin} (and {@code tokenizer.bin}, which the
 * tokenizer reads), or a {@code .bin} file, in the legacy or version 1 float32 format (see {@link
 * Llama2cHeader}). Tensors get Hugging Face Llama names (w1 = gate_proj, w3 = up_proj, w2 =
 * down_proj, rms_att = input_layernorm, rms_ffn = post_attention_layernorm).
 *
 * <p>llama2.c rotates interleaved pairs (x[2i], x[2i+1]) with RoPE, Hugging Face rotates halves
 * (x[i], x[i + head_size/2]). The rows of wq and wk are permuted within each head into the
 * Hugging Face order so that one forward pass serves both; those two tensors are copies, all
 * others are memory-mapped slices. Config: RMSNorm eps 1e-5, RoPE theta 10000, BOS 1, EOS 2.
 */
public final class Llama2cCheckpointReader implements CheckpointReader {

  static final String MODEL_FILE = "model.bin";
  private static final String CONFIG_SOURCE = "the model.bin header";

  @Override
  public boolean accepts(Path path) {
    Path file = modelFile(path);
    return file.getFileName().toString().endsWith(".bin") && Files.isRegularFile(file)
        && !PickledCheckpoint.isPickle(file);
  }

  @Override
  public Checkpoint read(Path path) throws IOException {
    Path file = modelFile(path);
    String origin = "llama2.c file " + file;
    if (!Files.isRegularFile(file)) {
      throw new MalformedCheckpointException(origin + " does not exist");
    }
    Map<String, Tensor> tensors = new LinkedHashMap<>();
    Llama2cHeader header;
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      header = Llama2cHeader.read(file, channel);
      if (channel.size() != header.fileBytes()) {
        throw new MalformedCheckpointException(origin + ": header (" + header + ") implies "
            + header.fileBytes() + " bytes, file has " + channel.size() + " bytes");
      }
      for (Llama2cHeader.Slot slot : header.slots()) {
        if (slot.bytes() > Integer.MAX_VALUE) {
          throw new MalformedCheckpointException(origin + ": tensor " + slot.name() + " holds "
              + slot.bytes() + " bytes; xent maps tensors of at most 2 GiB each");
        }
        MappedByteBuffer data = channel.map(FileChannel.MapMode.READ_ONLY, slot.offset(), slot.bytes());
        Tensor tensor = Tensor.mapped(slot.name(), DType.F32, slot.shape(), data);
        if (slot.name().endsWith("q_proj.weight")) {
          tensor = toRotateHalfRows(tensor, header.nHeads(), header.headSize());
        } else if (slot.name().endsWith("k_proj.weight")) {
          tensor = toRotateHalfRows(tensor, header.nKvHeads(), header.headSize());
        }
        tensors.put(slot.name(), tensor);
      }
    }
    ModelConfig config = new ModelConfig(ModelConfig.Family.LLAMA, header.vocabSize(),
        header.dim(), header.nLayers(), header.nHeads(), header.nKvHeads(), header.headSize(),
        header.hiddenDim(), header.seqLen(), 1e-5, 10000.0, null, header.sharedClassifier(), false,
        0, 1, 2);
    Checkpoint checkpoint = new Checkpoint(path, config, tensors);
    TensorLayout.of(config).check(checkpoint, origin, CONFIG_SOURCE);
    return checkpoint;
  }

  /** {@code path} itself when it is a file, else {@code path/model.bin}. */
  private static Path modelFile(Path path) {
    return Files.isDirectory(path) ? path.resolve(MODEL_FILE) : path;
  }

  /**
   * Reorders the rows of a [heads * head_size, dim] projection within each head: new row j takes
   * old row 2j and new row head_size/2 + j takes old row 2j + 1 (the permutation Hugging Face's
   * convert_llama_weights applies to Meta's interleaved checkpoints).
   */
  static Tensor toRotateHalfRows(Tensor tensor, int heads, int headSize) {
    int rowBytes = Math.toIntExact(tensor.shape()[1] * tensor.dtype().bytes());
    ByteBuffer in = tensor.data();
    ByteBuffer out = ByteBuffer.allocateDirect(in.remaining()).order(ByteOrder.LITTLE_ENDIAN);
    int half = headSize / 2;
    for (int h = 0; h < heads; h++) {
      for (int j = 0; j < half; j++) {
        for (int p = 0; p < 2; p++) {
          int from = h * headSize + 2 * j + p;
          int to = h * headSize + p * half + j;
          out.put(to * rowBytes, in, from * rowBytes, rowBytes);
        }
      }
    }
    return new Tensor(tensor.name(), tensor.dtype(), tensor.shape(), out);
  }
}

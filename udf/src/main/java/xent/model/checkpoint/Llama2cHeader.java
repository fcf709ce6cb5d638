package xent.model.checkpoint;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The header of a llama2.c {@code model.bin} and where it places every float32 tensor.
 *
 * <p>Legacy (version 0): 7 little-endian int32 (dim, hidden_dim, n_layers, n_heads, n_kv_heads,
 * vocab_size, seq_len), vocab_size negative when a separate classifier follows; then token
 * embedding, per-layer blocks rms_att, wq, wk, wv, wo, rms_ffn, w1, w2, w3, final rms,
 * freq_cis real and imaginary [seq_len, head_size / 2] (unused), classifier.
 *
 * <p>Version 1 ({@code export.py --version 1}): uint32 magic "ak42", int32 version, the same 7
 * int32, uint8 shared_classifier, zeros up to byte 256; then rms_att, rms_ffn, final rms, token
 * embedding, wq, wk, wv, wo, w1, w2, w3 (each block covering all layers), classifier if not shared.
 *
 * @param file the model file, for messages
 * @param version 0 (legacy) or 1
 * @param vocabSize number of tokens (positive; the legacy sign is {@code sharedClassifier})
 * @param sharedClassifier whether the output head is the token embedding
 */
record Llama2cHeader(
    Path file,
    int version,
    int dim,
    int hiddenDim,
    int nLayers,
    int nHeads,
    int nKvHeads,
    int vocabSize,
    int seqLen,
    boolean sharedClassifier) {

  /** "ak42" read as a little-endian uint32. */
  static final int MAGIC = 0x616b3432;
  static final int LEGACY_HEADER_BYTES = 28;
  static final int V1_HEADER_BYTES = 256;

  /**
   * A float32 tensor in the file.
   *
   * @param name Hugging Face Llama name
   * @param shape dimensions, outermost first
   * @param offset byte offset in the file
   */
  record Slot(String name, long[] shape, long offset) {
    long bytes() {
      return 4 * shape[0] * (shape.length > 1 ? shape[1] : 1);
    }
  }

  private record Layout(List<Slot> slots, long end) {}

  /** The weight blocks of llama2.c; per-layer blocks cover all layers. */
  private enum Block {
    EMBEDDING, RMS_ATT, WQ, WK, WV, WO, RMS_FFN, W1, W2, W3, RMS_FINAL, FREQ_CIS, WCLS
  }

  private static final List<Block> LEGACY_ORDER = List.of(Block.EMBEDDING, Block.RMS_ATT,
      Block.WQ, Block.WK, Block.WV, Block.WO, Block.RMS_FFN, Block.W1, Block.W2, Block.W3,
      Block.RMS_FINAL, Block.FREQ_CIS, Block.WCLS);
  private static final List<Block> V1_ORDER = List.of(Block.RMS_ATT, Block.RMS_FFN,
      Block.RMS_FINAL, Block.EMBEDDING, Block.WQ, Block.WK, Block.WV, Block.WO, Block.W1, Block.W2,
      Block.W3, Block.WCLS);

  /** Reads and checks the header at the start of {@code channel}. */
  static Llama2cHeader read(Path file, FileChannel channel) throws IOException {
    ByteBuffer head = ByteBuffer.allocate(V1_HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
    while (head.hasRemaining() && channel.read(head, head.position()) >= 0) {
      // read until full or end of file
    }
    head.flip();
    if (head.remaining() < LEGACY_HEADER_BYTES) {
      throw malformed(file, "is " + head.remaining() + " bytes long, shorter than a header");
    }
    if (head.getInt(0) != MAGIC) {
      int vocab = head.getInt(20);
      return checked(new Llama2cHeader(file, 0, head.getInt(0), head.getInt(4), head.getInt(8),
          head.getInt(12), head.getInt(16), Math.abs(vocab), head.getInt(24), vocab > 0));
    }
    int version = head.getInt(4);
    if (version == 2) {
      throw malformed(file, "is a version 2 file (int8 Q8_0 quantised weights); xent reads the"
          + " float32 versions 0 (legacy) and 1: export it again with llama2.c export.py --version 1");
    }
    if (version != 1) {
      throw malformed(file, "has the llama2.c magic but version " + version + "; xent reads 0 and 1");
    }
    if (head.remaining() < V1_HEADER_BYTES) {
      throw malformed(file, "is " + head.remaining() + " bytes long, shorter than its 256-byte header");
    }
    int shared = head.get(36);
    if (shared != 0 && shared != 1) {
      throw malformed(file, "has shared_classifier flag " + shared + ", expected 0 or 1");
    }
    return checked(new Llama2cHeader(file, 1, head.getInt(8), head.getInt(12), head.getInt(16),
        head.getInt(20), head.getInt(24), head.getInt(28), head.getInt(32), shared == 1));
  }

  /** Whether {@code file} has a llama2.c header that implies exactly its size. */
  static boolean fitsFile(Path file) {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      return read(file, channel).fileBytes() == channel.size();
    } catch (IOException | ArithmeticException e) {
      return false;
    }
  }

  private static Llama2cHeader checked(Llama2cHeader h) throws MalformedCheckpointException {
    positive(h, "dim", h.dim);
    positive(h, "hidden_dim", h.hiddenDim);
    positive(h, "n_layers", h.nLayers);
    positive(h, "n_heads", h.nHeads);
    positive(h, "n_kv_heads", h.nKvHeads);
    positive(h, "vocab_size", h.vocabSize);
    positive(h, "seq_len", h.seqLen);
    if (h.dim % h.nHeads != 0 || h.headSize() % 2 != 0) {
      throw malformed(h.file, "header has dim " + h.dim + " and n_heads " + h.nHeads
          + "; dim must be n_heads times an even head size");
    }
    if (h.nHeads % h.nKvHeads != 0) {
      throw malformed(h.file, "header has n_heads " + h.nHeads + ", not a multiple of n_kv_heads "
          + h.nKvHeads);
    }
    return h;
  }

  private static void positive(Llama2cHeader h, String name, int value)
      throws MalformedCheckpointException {
    if (value <= 0) {
      throw malformed(h.file, "header has " + name + " " + value + ", expected a positive value"
          + " (not a llama2.c model?)");
    }
  }

  int headSize() {
    return dim / nHeads;
  }

  /** The tensors in file order, named as in Hugging Face Llama checkpoints. */
  List<Slot> slots() {
    return layout().slots();
  }

  /** The exact file size this header implies. */
  long fileBytes() {
    return layout().end();
  }

  private Layout layout() {
    List<Slot> slots = new ArrayList<>();
    long offset = version == 0 ? LEGACY_HEADER_BYTES : V1_HEADER_BYTES;
    long kvDim = (long) nKvHeads * headSize();
    List<Block> blocks = version == 0 ? LEGACY_ORDER : V1_ORDER;
    for (Block block : blocks) {
      switch (block) {
        case EMBEDDING -> offset = add(slots, offset, "model.embed_tokens.weight", vocabSize, dim);
        case RMS_ATT -> offset = perLayer(slots, offset, "input_layernorm.weight", dim);
        case WQ -> offset = perLayer(slots, offset, "self_attn.q_proj.weight", dim, dim);
        case WK -> offset = perLayer(slots, offset, "self_attn.k_proj.weight", kvDim, dim);
        case WV -> offset = perLayer(slots, offset, "self_attn.v_proj.weight", kvDim, dim);
        case WO -> offset = perLayer(slots, offset, "self_attn.o_proj.weight", dim, dim);
        case RMS_FFN -> offset = perLayer(slots, offset, "post_attention_layernorm.weight", dim);
        case W1 -> offset = perLayer(slots, offset, "mlp.gate_proj.weight", hiddenDim, dim);
        case W2 -> offset = perLayer(slots, offset, "mlp.down_proj.weight", dim, hiddenDim);
        case W3 -> offset = perLayer(slots, offset, "mlp.up_proj.weight", hiddenDim, dim);
        case RMS_FINAL -> offset = add(slots, offset, "model.norm.weight", dim);
        // Real and imaginary parts, [seq_len, head_size / 2] each: RoPE is recomputed instead.
        case FREQ_CIS -> offset += 4L * seqLen * headSize();
        case WCLS -> offset = sharedClassifier ? offset
            : add(slots, offset, "lm_head.weight", vocabSize, dim);
      }
    }
    return new Layout(slots, offset);
  }

  private long perLayer(List<Slot> slots, long offset, String suffix, long... shape) {
    for (int i = 0; i < nLayers; i++) {
      offset = add(slots, offset, "model.layers." + i + "." + suffix, shape);
    }
    return offset;
  }

  private static long add(List<Slot> slots, long offset, String name, long... shape) {
    Slot slot = new Slot(name, shape, offset);
    slots.add(slot);
    return offset + slot.bytes();
  }

  @Override
  public String toString() {
    return "version " + version + ", dim " + dim + ", hidden_dim " + hiddenDim + ", n_layers "
        + nLayers + ", n_heads " + nHeads + ", n_kv_heads " + nKvHeads + ", vocab_size "
        + vocabSize + ", seq_len " + seqLen + ", shared classifier " + sharedClassifier;
  }

  private static MalformedCheckpointException malformed(Path file, String rule) {
    return new MalformedCheckpointException("llama2.c file " + file + " " + rule);
  }
}

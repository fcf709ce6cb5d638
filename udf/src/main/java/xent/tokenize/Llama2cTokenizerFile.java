package xent.tokenize;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The contents of a llama2.c {@code tokenizer.bin}: int32 max_token_length, then per token a
 * float32 score, an int32 byte length and the bytes, all little-endian.
 *
 * <p>The file does not record how many tokens it holds; the count comes from the model header. As
 * in llama2.c, bytes after the last token are ignored.
 *
 * @param file where the vocabulary was read from (named in errors)
 * @param maxTokenLength the header's longest token length in bytes
 * @param pieces token id to its bytes, cut at the first NUL byte as llama2.c's C strings are
 * @param scores token id to its merge score
 */
record Llama2cTokenizerFile(Path file, int maxTokenLength, byte[][] pieces, float[] scores) {

  Llama2cTokenizerFile {
    if (pieces.length != scores.length) {
      throw new IllegalArgumentException(
          file + ": " + pieces.length + " pieces but " + scores.length + " scores");
    }
  }

  /** Reads the first {@code vocabSize} tokens of {@code file}. */
  static Llama2cTokenizerFile read(Path file, int vocabSize) throws IOException {
    if (vocabSize <= 0) {
      throw new IllegalArgumentException(
          "llama2.c tokenizer " + file + ": vocab size must be positive, got " + vocabSize);
    }
    if (!Files.isRegularFile(file)) {
      throw new NoSuchFileException(file.toString(), null, "llama2.c tokenizer file is missing");
    }
    ByteBuffer in = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
    need(file, in, 4, "the int32 max_token_length header");
    int maxTokenLength = in.getInt();
    if (maxTokenLength < 0) {
      throw new IOException(
          "llama2.c tokenizer " + file + ": max_token_length is negative (" + maxTokenLength + ")");
    }
    byte[][] pieces = new byte[vocabSize][];
    float[] scores = new float[vocabSize];
    for (int id = 0; id < vocabSize; id++) {
      need(file, in, 8, "the score and length of token " + id + " of " + vocabSize);
      scores[id] = in.getFloat();
      int length = in.getInt();
      if (length < 0) {
        throw new IOException(
            "llama2.c tokenizer " + file + ": token " + id + " has negative length " + length);
      }
      need(file, in, length, "the " + length + " bytes of token " + id + " of " + vocabSize);
      byte[] piece = new byte[length];
      in.get(piece);
      pieces[id] = untilNul(piece);
    }
    return new Llama2cTokenizerFile(file, maxTokenLength, pieces, scores);
  }

  int vocabSize() {
    return pieces.length;
  }

  private static void need(Path file, ByteBuffer in, int bytes, String what) throws IOException {
    if (in.remaining() < bytes) {
      throw new IOException(
          "llama2.c tokenizer "
              + file
              + " is truncated: "
              + what
              + " needs "
              + bytes
              + " bytes at offset "
              + in.position()
              + " but only "
              + in.remaining()
              + " remain");
    }
  }

  private static byte[] untilNul(byte[] piece) {
    for (int i = 0; i < piece.length; i++) {
      if (piece[i] == 0) {
        return Arrays.copyOf(piece, i);
      }
    }
    return piece;
  }
}

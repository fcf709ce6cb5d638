package xent.tokenize;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;

/**
 * A line-by-line transcription of llama2.c run.c {@code encode} with bos = eos = 0, O(n^2) merge
 * loop included: the reference the fast encoder must agree with. It reads the file on its own and
 * looks pieces up by binary search over the vocabulary sorted as {@code strcmp} sorts.
 */
final class QuadraticLlama2cEncoder {

  private final byte[][] vocab;
  private final float[] vocabScores;
  private final byte[][] sortedStrings;
  private final int[] sortedIds;

  QuadraticLlama2cEncoder(Path file, int vocabSize) throws IOException {
    ByteBuffer in = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
    in.getInt(); // max_token_length
    vocab = new byte[vocabSize][];
    vocabScores = new float[vocabSize];
    for (int i = 0; i < vocabSize; i++) {
      vocabScores[i] = in.getFloat();
      byte[] str = new byte[in.getInt()];
      in.get(str);
      vocab[i] = cString(str);
    }
    Integer[] order = new Integer[vocabSize];
    Arrays.setAll(order, i -> i);
    Arrays.sort(
        order, Comparator.comparing((Integer i) -> vocab[i], QuadraticLlama2cEncoder::strcmp));
    sortedStrings = new byte[vocabSize][];
    sortedIds = new int[vocabSize];
    for (int k = 0; k < vocabSize; k++) {
      sortedStrings[k] = vocab[order[k]];
      sortedIds[k] = order[k];
    }
  }

  int[] encode(String javaText) {
    byte[] text = javaText.getBytes(StandardCharsets.UTF_8);
    int[] tokens = new int[text.length + 2];
    int nTokens = 0;
    if (text.length > 0) {
      tokens[nTokens++] = strLookup(new byte[] {' '});
    }
    byte[] strBuffer = new byte[8];
    int strLen = 0;
    for (int c = 0; c < text.length; c++) {
      if ((text[c] & 0xC0) != 0x80) {
        strLen = 0;
      }
      strBuffer[strLen++] = text[c];
      boolean nextIsContinuation = c + 1 < text.length && (text[c + 1] & 0xC0) == 0x80;
      if (nextIsContinuation && strLen < 4) {
        continue;
      }
      int id = strLookup(cString(Arrays.copyOf(strBuffer, strLen)));
      if (id != -1) {
        tokens[nTokens++] = id;
      } else {
        for (int i = 0; i < strLen; i++) {
          tokens[nTokens++] = (strBuffer[i] & 0xff) + 3;
        }
      }
      strLen = 0;
    }
    while (true) {
      float bestScore = -1e10f;
      int bestId = -1;
      int bestIdx = -1;
      for (int i = 0; i < nTokens - 1; i++) {
        int id = strLookup(concat(vocab[tokens[i]], vocab[tokens[i + 1]]));
        if (id != -1 && vocabScores[id] > bestScore) {
          bestScore = vocabScores[id];
          bestId = id;
          bestIdx = i;
        }
      }
      if (bestIdx == -1) {
        break;
      }
      tokens[bestIdx] = bestId;
      for (int i = bestIdx + 1; i < nTokens - 1; i++) {
        tokens[i] = tokens[i + 1];
      }
      nTokens--;
    }
    return Arrays.copyOf(tokens, nTokens);
  }

  private int strLookup(byte[] str) {
    int lo = 0;
    int hi = sortedStrings.length - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      int c = strcmp(sortedStrings[mid], str);
      if (c == 0) {
        return sortedIds[mid];
      } else if (c < 0) {
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return -1;
  }

  /** C's strcmp on NUL-free strings: unsigned bytes, shorter prefix first. */
  private static int strcmp(byte[] a, byte[] b) {
    return Arrays.compareUnsigned(a, b);
  }

  private static byte[] cString(byte[] bytes) {
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == 0) {
        return Arrays.copyOf(bytes, i);
      }
    }
    return bytes;
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}

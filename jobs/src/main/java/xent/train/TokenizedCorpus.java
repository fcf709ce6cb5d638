package xent.train;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UTFDataFormatException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import xent.tokenize.Tokenizer;

/**
 * A corpus file's token streams ({@link TokenStreams}), tokenized once and saved, so that every
 * run of a training grid reads its tokens instead of tokenizing megabytes of text again: on the
 * small grid that was about 5 s of each of the 39 runs, a third of the grid's CPU time.
 *
 * <p>The file says which corpus and tokenizer it came from (SHA-256 of each), and {@link #read}
 * refuses it for any other pair. The layout is a plain DataOutputStream: no library format fits
 * named int32 streams with two provenance strings better than ten lines of code.
 *
 * @param corpusSha256 digest of the corpus file's bytes
 * @param tokenizerSha256 digest of the tokenizer.json that made the streams
 * @param streams one stream per domain, in the corpus's domain order
 */
public record TokenizedCorpus(String corpusSha256, String tokenizerSha256, Map<String, int[]> streams) {

  private static final String MAGIC = "xent-token-streams-1";

  public TokenizedCorpus {
    streams = new LinkedHashMap<>(streams);
  }

  /** Tokenizes {@code corpus} with {@code tokenizer}, whose tokenizer.json has the given digest. */
  public static TokenizedCorpus of(TrainingCorpus corpus, Tokenizer tokenizer, String tokenizerSha256) {
    return new TokenizedCorpus(corpus.sha256(), tokenizerSha256,
        TokenStreams.of(corpus.textsByDomain(), tokenizer));
  }

  /** Hex SHA-256 of a file's bytes (a tokenizer.json: a few MB at most). */
  public static String digest(Path file) throws IOException {
    try {
      return HexFormat.of().formatHex(
          MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  /** Writes the file atomically (a reader never sees half of it). */
  public void write(Path file) throws IOException {
    Path partial = file.resolveSibling(file.getFileName() + ".partial");
    try (DataOutputStream out = new DataOutputStream(
        new BufferedOutputStream(Files.newOutputStream(partial), 1 << 16))) {
      out.writeUTF(MAGIC);
      out.writeUTF(corpusSha256);
      out.writeUTF(tokenizerSha256);
      out.writeInt(streams.size());
      for (Map.Entry<String, int[]> e : streams.entrySet()) {
        out.writeUTF(e.getKey());
        out.writeInt(e.getValue().length);
        for (int id : e.getValue()) {
          out.writeInt(id);
        }
      }
    }
    Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /**
   * Reads a file written by {@link #write}.
   *
   * @throws IOException naming the file when it is not such a file, or when it was made from
   *     another corpus or tokenizer than the digests given
   */
  public static TokenizedCorpus read(Path file, String corpusSha256, String tokenizerSha256)
      throws IOException {
    try (DataInputStream in = new DataInputStream(
        new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
      if (!MAGIC.equals(in.readUTF())) {
        throw new IOException(file + ": not a token stream file of xent");
      }
      String corpus = in.readUTF();
      String tokenizer = in.readUTF();
      if (!corpus.equals(corpusSha256) || !tokenizer.equals(tokenizerSha256)) {
        throw new IOException(file + ": made from corpus " + corpus + " and tokenizer " + tokenizer
            + ", not corpus " + corpusSha256 + " and tokenizer " + tokenizerSha256);
      }
      int domains = in.readInt();
      Map<String, int[]> streams = new LinkedHashMap<>();
      for (int d = 0; d < domains; d++) {
        String domain = in.readUTF();
        int[] ids = new int[in.readInt()];
        for (int i = 0; i < ids.length; i++) {
          ids[i] = in.readInt();
        }
        streams.put(domain, ids);
      }
      return new TokenizedCorpus(corpus, tokenizer, streams);
    } catch (EOFException | UTFDataFormatException e) {
      throw new IOException(file + ": not a token stream file of xent, or a truncated one", e);
    }
  }
}

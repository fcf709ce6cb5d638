package xent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import xent.scoring.TestModels;

/** logprob reads files with score's UTF-8 policy: strict, and n_bytes is the file's size. */
class LogprobUtf8Test {

  @TempDir static Path dir;
  private static String model;

  @BeforeAll
  static void writeModel() throws IOException {
    model = "tiny=" + TestModels.tinyLlama(dir.resolve("tiny"));
  }

  /** What one in-process {@code xent logprob} run printed, and its exit code. */
  private record Run(int exit, String stdout, String stderr) {

    /** Its own lines on stderr, without the engine's log lines. */
    List<String> errors() {
      return stderr.lines().filter(l -> l.startsWith("xent")).toList();
    }
  }

  private static Run logprob(String... files) {
    PrintStream out = System.out;
    PrintStream err = System.err;
    ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
      String[] args = new String[files.length + 2];
      args[0] = "--model";
      args[1] = model;
      System.arraycopy(files, 0, args, 2, files.length);
      int exit = new CommandLine(new LogprobCommand()).execute(args);
      return new Run(exit, stdout.toString(StandardCharsets.UTF_8), stderr.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(out);
      System.setErr(err);
    }
  }

  @Test
  void refusesInvalidUtf8NamingTheFileAndTheByteAndScoresTheOtherFiles() throws IOException {
    Path bad = dir.resolve("bad.txt");
    byte[] bytes = "caf\u00e9 and t".getBytes(StandardCharsets.UTF_8); // 11 bytes, then 0xff
    byte[] withBad = java.util.Arrays.copyOf(bytes, bytes.length + 3);
    withBad[bytes.length] = (byte) 0xff;
    withBad[bytes.length + 1] = 'e';
    withBad[bytes.length + 2] = 'a';
    Files.write(bad, withBad);
    Path good = Files.writeString(dir.resolve("good.txt"), "Once upon a time.");

    Run run = logprob(bad.toString(), good.toString());

    assertEquals(1, run.exit());
    assertEquals(List.of("xent: error: cannot read " + bad + ": invalid UTF-8 at byte 11"), run.errors());
    String[] lines = run.stdout().split("\n");
    assertEquals(1, lines.length, run.stdout());
    assertEquals(good.toString(), JsonParser.parseString(lines[0]).getAsJsonObject().get("file").getAsString());
  }

  @Test
  void refusesABinaryFileRatherThanScoringItsReplacementCharacters() throws IOException {
    byte[] noise = new byte[4096];
    new Random(7).nextBytes(noise);
    noise[0] = (byte) 0x80; // a continuation byte cannot start UTF-8
    Path binary = Files.write(dir.resolve("noise.bin"), noise);
    Run run = logprob(binary.toString());
    assertEquals(1, run.exit());
    assertEquals(List.of("xent: error: cannot read " + binary + ": invalid UTF-8 at byte 0"), run.errors());
    assertEquals("", run.stdout());
  }

  @Test
  void countsTheFilesBytesForMultiByteText() throws IOException {
    Path text = Files.writeString(dir.resolve("multi.txt"), "caf\u00e9 \u6f22\u5b57 \ud83d\ude42\n",
        StandardCharsets.UTF_8);
    Run run = logprob(text.toString());
    assertEquals(0, run.exit(), run.stderr());
    JsonObject result = JsonParser.parseString(run.stdout().trim()).getAsJsonObject();
    assertEquals(Files.size(text), result.get("n_bytes").getAsLong());
    assertEquals(Files.size(text), result.get("n_tokens").getAsLong()); // byte-level tokenizer
  }
}

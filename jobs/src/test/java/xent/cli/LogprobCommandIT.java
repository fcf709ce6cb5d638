package xent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import xent.cli.BinXent.Run;

/** {@code bin/xent logprob} as a user runs it, on the packaged jars. */
class LogprobCommandIT {

  private static Path shared() {
    Path shared = Path.of(System.getProperty("xent.shared", "../shared")).toAbsolutePath().normalize();
    assumeTrue(Files.isDirectory(shared.resolve("models")),
        "skipped: reference data not found at " + shared);
    return shared;
  }

  private static Run xent(String... args) throws IOException, InterruptedException {
    return BinXent.run(args);
  }

  private static JsonObject json(String line) {
    return JsonParser.parseString(line).getAsJsonObject();
  }

  @Test
  void printsTheReferenceLogLikelihoodsOfStories260K() throws Exception {
    Path shared = shared();
    String model = "stories260K=" + shared.resolve("models/stories260K");
    String story = shared.resolve("reference/tinystory.txt").toString();
    for (int[] expected : new int[][] {{128}, {512}}) {
      Run run = xent("logprob", "--model", model, "--max-length", Integer.toString(expected[0]), story);
      assertEquals(0, run.exit(), run.stderr());
      assertEquals(1, run.stdout().size(), run.stdout().toString());
      JsonObject result = json(run.stdout().get(0));
      assertEquals("stories260K", result.get("model").getAsString());
      assertEquals(story, result.get("file").getAsString());
      assertEquals(1968, result.get("n_tokens").getAsInt());
      assertEquals(4126, result.get("n_bytes").getAsInt());
      double logprob = result.get("logprob").getAsDouble();
      double want = expected[0] == 128 ? -2672.657778 : -2486.980548;
      assertEquals(want, logprob, 0.01);
      assertEquals(Math.exp(-logprob / 1968), result.get("token_perplexity").getAsDouble(), 1e-9);
      assertEquals(-logprob / 4126 / Math.log(2), result.get("bits_per_byte").getAsDouble(), 1e-12);
      assertEquals(1, result.get("prefix_id").getAsInt());
      assertEquals("tokenizer.bin (llama2.c BOS 1)", result.get("prefix_from").getAsString());
    }
  }

  @Test
  void reportsAMissingFileByNameAndStillScoresTheOthers(@TempDir Path dir) throws Exception {
    Path shared = shared();
    Path good = dir.resolve("good.txt");
    Files.writeString(good, "Once upon a time, there was a cat.", StandardCharsets.UTF_8);
    Path empty = dir.resolve("empty.txt");
    Files.writeString(empty, "");
    Path missing = dir.resolve("missing.txt");
    Run run = xent("logprob", "--model", "s=" + shared.resolve("models/stories260K"),
        good.toString(), missing.toString(), empty.toString());
    assertEquals(1, run.exit());
    assertTrue(run.stderr().contains(missing + ": no such file"), run.stderr());
    assertEquals(2, run.stdout().size(), run.stdout().toString());
    assertTrue(json(run.stdout().get(0)).get("logprob").getAsDouble() < 0);
    JsonObject emptyResult = json(run.stdout().get(1));
    assertEquals(0, emptyResult.get("n_tokens").getAsInt());
    assertEquals(0.0, emptyResult.get("logprob").getAsDouble());
    assertTrue(emptyResult.get("bits_per_byte").isJsonNull());
  }

  @Test
  void failsOnAMissingModelNamingItsPath(@TempDir Path dir) throws Exception {
    Path text = dir.resolve("t.txt");
    Files.writeString(text, "hello");
    Run run = xent("logprob", "--model", "ghost=" + dir.resolve("no-such-model"), text.toString());
    assertTrue(run.exit() != 0);
    assertTrue(run.stderr().contains(dir.resolve("no-such-model").toString()), run.stderr());
    assertTrue(run.stdout().isEmpty());
  }
}

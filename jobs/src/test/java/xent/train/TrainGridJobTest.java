package xent.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import xent.RequiresSharedData;
import xent.SparkTest;
import xent.SharedData;
import xent.model.ModelConfig.Family;

/**
 * A tiny grid on local[2] Spark over two domains: the stories as written ("story") and
 * upper-cased ("shout"), so that each domain's expert has never seen most of the other's bytes.
 */
@RequiresSharedData
@SparkTest
class TrainGridJobTest {

  @Test
  void expertsBeatTheOtherDomainOnTheirOwnAndEveryRunWritesALoadableFolder(@TempDir Path dir, SparkSession spark)
      throws IOException {
    List<String> lines = Files.readAllLines(SharedData.file("reference/tinystory.txt")).stream()
        .filter(l -> !l.isBlank()).toList();
    Path train = dir.resolve("train.jsonl");
    Path valid = dir.resolve("valid.jsonl");
    write(train, lines.subList(0, lines.size() - 4));
    write(valid, lines.subList(lines.size() - 4, lines.size()));
    GridPlan plan = new GridPlan("test", List.of(new int[] {16, 1, 2}, new int[] {32, 1, 2}),
        List.of(4096L, 8192L), false, 1, 16384L, 2, 32, 8, 1);
    Path out = dir.resolve("grid");
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    List<GridResult> results = TrainGridJob.run(spark, plan, new TrainGridJob.Settings(train, valid,
        "domain", "bpe:300", Family.GPT2, 1e-2, 5, out, 1), new PrintStream(log, true));
    assertEquals(2 * 2 + 2 + 2, results.size(), log.toString());
    Map<String, GridResult> byName =
        results.stream().collect(Collectors.toMap(GridResult::name, r -> r));
    GridResult story = byName.get("expert-story");
    GridResult shout = byName.get("expert-shout");
    assertEquals(Map.of("shout", 0.0, "story", 1.0), story.mixture());
    assertTrue(story.validLoss().get("story") < story.validLoss().get("shout"), story.toString());
    assertTrue(shout.validLoss().get("shout") < shout.validLoss().get("story"), shout.toString());
    assertTrue(story.validLoss().get("story") < shout.validLoss().get("story"));
    for (GridResult r : results) {
      Path folder = out.resolve(r.name());
      for (String file : List.of("config.json", "model.safetensors", "tokenizer.json", "training.json")) {
        assertTrue(Files.isRegularFile(folder.resolve(file)), folder + "/" + file);
      }
      JsonObject json = JsonParser.parseString(Files.readString(folder.resolve("training.json")))
          .getAsJsonObject();
      int steps = json.get("steps").getAsInt();
      assertEquals(steps, json.getAsJsonArray("learning_rate").size());
      assertEquals(6.0 * r.parameters() * r.tokens(), r.flops(), 1e-6 * r.flops());
      assertTrue(Files.isDirectory(folder.resolve(String.format("step-%06d", steps / 2))), r.name());
    }
    // one tokenizer for all: the same bytes in every folder
    String shared = Files.readString(out.resolve("tokenizer/tokenizer.json"));
    assertEquals(shared, Files.readString(out.resolve("mixture-00/tokenizer.json")));
    assertTrue(log.toString().contains("runs in"), log.toString());
  }

  private static void write(Path file, List<String> lines) throws IOException {
    List<String> rows = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      rows.add(row(i, "story", lines.get(i)));
      rows.add(row(i, "shout", lines.get(i).toUpperCase(Locale.ROOT)));
    }
    Files.write(file, rows);
  }

  private static String row(int i, String domain, String text) {
    JsonObject o = new JsonObject();
    o.addProperty("id", domain + "-" + i);
    o.addProperty("domain", domain);
    o.addProperty("text", text);
    return o.toString();
  }
}

package xent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import xent.model.checkpoint.FamilyCatalog;

/** {@code xent families} lists every model type of the reader's registry, as text and as JSON. */
@Tag("fast")
class FamiliesCommandTest {

  private static String run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    assertEquals(0, exit, err.toString(StandardCharsets.UTF_8));
    return out.toString(StandardCharsets.UTF_8);
  }

  private static List<String> modelTypes() {
    return FamilyCatalog.families().stream().map(FamilyCatalog.Family::modelType).toList();
  }

  @Test
  void tableListsEveryModelTypeWithItsArchitectureAndTheRopeTypes() {
    String table = run("families");

    for (FamilyCatalog.Family f : FamilyCatalog.families()) {
      assertTrue(table.lines().anyMatch(l -> l.startsWith(f.modelType() + " ")
          && l.contains(f.architectures().get(0))), f.modelType() + " row in\n" + table);
    }
    assertTrue(table.contains("  yarn "), table);
    assertTrue(table.contains("  longrope "), table);
  }

  @Test
  void jsonIsStrictAndListsEveryModelTypeWithItsKeys() throws Exception {
    JsonReader reader = new JsonReader(new StringReader(run("families", "--json")));
    reader.setStrictness(Strictness.STRICT);
    JsonElement parsed = JsonParser.parseReader(reader);

    JsonArray families = parsed.getAsJsonObject().getAsJsonArray("families");
    assertEquals(modelTypes(),
        families.asList().stream().map(f -> f.getAsJsonObject().get("model_type").getAsString())
            .toList());
    JsonObject llama = families.get(modelTypes().indexOf("llama")).getAsJsonObject();
    assertEquals("required", llama.getAsJsonObject("config_keys").get("hidden_size").getAsString());
    assertTrue(llama.getAsJsonObject("rope_types").getAsJsonArray("yarn").asList().stream()
        .anyMatch(k -> k.getAsString().equals("mscale_all_dim")));
  }

  @Test
  void mainHelpNamesTheFamiliesCommand() {
    assertTrue(run("--help").lines().anyMatch(l -> l.trim().startsWith("families ")));
  }
}

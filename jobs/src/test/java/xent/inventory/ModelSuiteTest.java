package xent.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import xent.model.ModelSpec;

/** Model specs that name a suite: one model per checkpoint folder, named by its relative path. */
@Tag("fast")
class ModelSuiteTest {

  @Test
  void namesEachFolderOfAGlobByItsPathBelowTheGlobsFixedPart(@TempDir Path dir) throws Exception {
    for (String size : List.of("70m", "160m")) {
      for (String step : List.of("step1000", "step2000")) {
        checkpoint(dir.resolve("suites/pythia").resolve(size).resolve(step));
      }
      Files.createDirectories(dir.resolve("suites/pythia").resolve(size).resolve("step3000-partial"));
    }
    String glob = dir + "/suites/pythia/*/step*";
    List<ModelSpec> named = ModelSuite.parse("pythia=" + glob).models();
    assertEquals(List.of("pythia.160m.step1000", "pythia.160m.step2000", "pythia.70m.step1000",
        "pythia.70m.step2000"), named.stream().map(ModelSpec::name).toList(),
        "sorted; the folder without a checkpoint is not a model");
    assertEquals(dir.resolve("suites/pythia/70m/step2000"), named.get(3).path());
    assertEquals(List.of("160m.step1000", "160m.step2000", "70m.step1000", "70m.step2000"),
        ModelSuite.parse(glob).models().stream().map(ModelSpec::name).toList());
    assertEquals(ModelSuite.parse(glob).models(), ModelSuite.parse(dir + "/suites/pythia").members(),
        "a folder of checkpoints names them as the glob below it does");
  }

  @Test
  void keepsAPathWithoutWildcardsOneModelAsBefore(@TempDir Path dir) throws Exception {
    Path folder = checkpoint(dir.resolve("gpt2"));
    assertEquals(List.of(new ModelSpec("small", folder)), ModelSuite.parse("small=" + folder).models());
    assertEquals(List.of(new ModelSpec("gpt2", folder)), ModelSuite.parse(folder.toString()).members());
  }

  @Test
  void refusesAGlobWithoutCheckpointsNamingTheSpec(@TempDir Path dir) throws Exception {
    Files.createDirectories(dir.resolve("runs/a"));
    String spec = "x=" + dir + "/runs/*";
    IOException e = assertThrows(IOException.class, () -> ModelSuite.parse(spec).models());
    assertEquals("model spec '" + spec + "' matches no checkpoint folder (config.json or model.bin)", e.getMessage());
  }

  @Test
  void refusesTwoFoldersThatWouldShareAName(@TempDir Path dir) throws Exception {
    checkpoint(dir.resolve("runs/a.b"));
    checkpoint(dir.resolve("runs/a/b"));
    IOException e = assertThrows(IOException.class, () -> ModelSuite.parse(dir + "/runs").members());
    assertEquals("model spec '" + dir + "/runs': " + dir.resolve("runs/a/b") + " and " + dir.resolve("runs/a.b")
        + " are both named 'a.b'", e.getMessage());
  }

  @Test
  void refusesOneModelNameFromTwoSpecs(@TempDir Path dir) throws Exception {
    Path folder = checkpoint(dir.resolve("m"));
    List<ModelSuite> suites = List.of(ModelSuite.parse("m=" + folder), ModelSuite.parse(dir + "/*"));
    IOException e = assertThrows(IOException.class, () -> ModelSuite.models(suites));
    assertEquals("model 'm' comes from both 'm=" + folder + "' and '" + dir + "/*'", e.getMessage());
  }

  private static Path checkpoint(Path folder) throws IOException {
    Files.createDirectories(folder);
    Files.writeString(folder.resolve("config.json"), "{}");
    return folder;
  }
}

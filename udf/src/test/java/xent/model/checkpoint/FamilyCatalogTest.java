package xent.model.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The catalog `xent families` prints is the config reader's own registry. */
@Tag("fast")
class FamilyCatalogTest {

  @Test
  void listsEveryModelTypeTheReaderReadsWithItsKeysNamesAndExamples() {
    List<FamilyCatalog.Family> families = FamilyCatalog.families();

    assertEquals(HfConfig.MODEL_TYPES,
        families.stream().map(FamilyCatalog.Family::modelType).toList());
    for (FamilyCatalog.Family f : families) {
      assertEquals(List.copyOf(ConfigKeys.of(f.modelType()).keySet()),
          List.copyOf(f.keys().keySet()), f.modelType() + " keys, in the reader's order");
      assertFalse(f.architectures().isEmpty(), f.modelType() + " architectures");
      assertFalse(f.examples().isEmpty(), f.modelType() + " examples");
    }
  }

  @Test
  void givesTheRopeTypesTheReaderComputesToFamiliesWithRopeKeysOnly() {
    for (FamilyCatalog.Family f : FamilyCatalog.families()) {
      boolean ropeKeys = f.keys().containsKey("rope_parameters");
      assertEquals(ropeKeys ? HfConfig.ropeTypes().keySet() : java.util.Set.of(),
          f.ropeTypes().keySet(), f.modelType());
    }
    assertEquals(java.util.Set.of("default", "linear", "dynamic", "llama3", "yarn", "longrope"),
        HfConfig.ropeTypes().keySet());
  }
}

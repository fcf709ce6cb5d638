package xent.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Metadata tables keyed by model, as CSV or JSON lines. */
@Tag("fast")
class MetadataTableTest {

  @Test
  void readsJsonLinesAsTheSameTableAsCsvWithEmptyCellsUnknown(@TempDir Path dir) throws Exception {
    MetadataTable csv = MetadataTable.read(Files.writeString(dir.resolve("m.csv"),
        "model,family,N,D\n\"pythia,70m\",pythia,70426624,\nopt-125m, opt ,125239296,300000000000\n"));
    MetadataTable jsonl = MetadataTable.read(Files.writeString(dir.resolve("m.jsonl"),
        "{\"model\": \"pythia,70m\", \"family\": \"pythia\", \"N\": 70426624, \"D\": null}\n\n"
            + "{\"model\": \"opt-125m\", \"family\": \"opt\", \"N\": 125239296, \"D\": 300000000000}\n"));
    assertEquals(List.of("family", "N", "D"), csv.columns());
    assertEquals(csv.columns(), jsonl.columns());
    assertEquals(csv.rows(), jsonl.rows());
    assertEquals(Map.of("family", "pythia", "N", "70426624"), csv.row("pythia,70m").orElseThrow());
    assertEquals("opt", csv.row("opt-125m").orElseThrow().get("family"), "surrounding spaces trimmed");
  }

  @Test
  void refusesAModelOnTwoLinesNamingBoth(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("m.csv"), "model,N\na,1\nb,2\na,3\n");
    IOException e = assertThrows(IOException.class, () -> MetadataTable.read(file));
    assertEquals(file + ": model 'a' is on line 2 and line 4", e.getMessage());
  }

  @Test
  void refusesATableWithoutAModelColumnListingItsColumns(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("m.csv"), "name,N\na,1\n");
    IOException e = assertThrows(IOException.class, () -> MetadataTable.read(file));
    assertEquals(file + ": no column 'model' (the model names of the score table); columns are [name, N]", e.getMessage());
  }

  @Test
  void refusesARowWithMoreCellsThanTheHeader(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("m.csv"), "model,N\na,1\nb,2,3\n");
    IOException e = assertThrows(IOException.class, () -> MetadataTable.read(file));
    assertEquals(file + ": line 3 has 3 fields, the header has 2", e.getMessage());
  }
}

package xent.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.csv.CSVPrinter;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The jobs' CSV files: the bytes they are written as, and what reading them gives back. */
@Tag("fast")
class CsvTableTest {

  @TempDir Path dir;

  @Test
  void writesLfLinesQuotingOnlyFieldsWithACommaQuoteOrLineBreak() throws IOException {
    Path file = dir.resolve("t.csv");
    try (CSVPrinter csv = CsvTable.printer(file, List.of("model", "domain", "loss", "note"))) {
      csv.printRecord("gpt2-s", "news", "-1.234560000e-05", "");
      csv.printRecord("a,b", "say \"hi\"", 3, "two\nlines");
      csv.printRecord("m", "caf\u00e9", true, "x");
    }
    assertEquals("model,domain,loss,note\n"
        + "gpt2-s,news,-1.234560000e-05,\n"
        + "\"a,b\",\"say \"\"hi\"\"\",3,\"two\nlines\"\n"
        + "m,caf\u00e9,true,x\n", Files.readString(file, StandardCharsets.UTF_8));
  }

  @Test
  void readsBackWhatItWroteIncludingQuotedLineBreaksAndSkipsEmptyLines() throws IOException {
    Path file = dir.resolve("t.csv");
    Files.writeString(file, "a,b\n\n\"x,1\",\"two\nlines\"\n\n3,\n");
    CsvTable table = CsvTable.read(file);
    assertEquals(List.of("a", "b"), table.header());
    assertEquals(List.of(List.of("x,1", "two\nlines"), List.of("3", "")), table.rows());
    assertEquals(List.of("two\nlines", ""), table.text("b"));
  }

  @Test
  void refusesARowWithAnotherNumberOfFieldsNamingTheFileAndLine() throws IOException {
    Path file = Files.writeString(dir.resolve("short.csv"), "a,b\n1,2\n3\n");
    IOException e = assertThrows(IOException.class, () -> CsvTable.read(file));
    assertEquals(file + ": line 3 has 1 fields, the header has 2", e.getMessage());
  }

  @Test
  void refusesAnEmptyFileNamingIt() throws IOException {
    Path file = Files.writeString(dir.resolve("empty.csv"), "\n\n");
    IOException e = assertThrows(IOException.class, () -> CsvTable.read(file));
    assertEquals(file + ": empty CSV file, expected a header line", e.getMessage());
  }
}

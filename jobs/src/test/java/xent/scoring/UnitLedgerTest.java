package xent.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import xent.scoring.UnitLedger.Unit;

/** The resume ledger on a local folder: what is committed, what is left, and the totals of each model. */
@Tag("fast")
class UnitLedgerTest {

  private static final ModelRef A = new ModelRef("a", "/models/a");
  private static final ModelRef B = new ModelRef("b", "/models/b");

  @TempDir Path dir;

  private UnitLedger ledger() throws IOException {
    return new UnitLedger(new ScoreFolder(new Configuration(), dir.toString()));
  }

  /** A table as Spark leaves it in OUT/_xent/tmp: a folder with one part file. */
  private org.apache.hadoop.fs.Path table(String name, String content) throws IOException {
    Path folder = Files.createDirectories(dir.resolve("_xent/tmp/x").resolve(name));
    Files.writeString(folder.resolve("part-0.parquet"), content);
    return new org.apache.hadoop.fs.Path(folder.toUri());
  }

  private static UnitStats stats(String model, int split, long scored, long rejected, long tokens, long bytes,
      double logprob) {
    return new UnitStats(model, split, scored + rejected, scored, rejected, tokens, bytes, logprob, 1.5);
  }

  @Test
  void commitMovesBothTablesIntoPlaceAndWritesTheMarker() throws IOException {
    UnitLedger ledger = ledger();
    UnitStats stats = stats("a", 3, 5, 1, 40, 200, -81.25);
    ledger.commit(new Unit(A, 3), table("scores", "S"), table("rejects", "R"), stats);

    assertEquals("S", Files.readString(dir.resolve("scores/model=a/split=3/part-0.parquet")));
    assertEquals("R", Files.readString(dir.resolve("rejects/model=a/split=3/part-0.parquet")));
    assertFalse(Files.exists(dir.resolve("_xent/tmp/x/scores")));
    assertEquals(stats, UnitStats.fromJson(Files.readString(dir.resolve("_xent/units/model=a/split=3.json"))));
    assertFalse(Files.exists(dir.resolve("_xent/units/model=a/split=3.json.pending")));
  }

  @Test
  void recommittingAUnitReplacesItsTables() throws IOException {
    UnitLedger ledger = ledger();
    ledger.commit(new Unit(A, 0), table("scores", "old"), table("rejects", "old"), stats("a", 0, 1, 0, 2, 3, -1));
    ledger.commit(new Unit(A, 0), table("scores", "new"), table("rejects", "new"), stats("a", 0, 1, 0, 2, 3, -1));
    assertEquals("new", Files.readString(dir.resolve("scores/model=a/split=0/part-0.parquet")));
  }

  @Test
  void todoHoldsEveryUnitWithoutAMarkerInModelThenSplitOrder() throws IOException {
    UnitLedger ledger = ledger();
    ledger.commit(new Unit(A, 1), table("scores", ""), table("rejects", ""), stats("a", 1, 1, 0, 1, 1, -1));
    // A marker that was being written when the run died commits nothing.
    Path pending = Files.createDirectories(dir.resolve("_xent/units/model=b")).resolve("split=0.json.pending");
    Files.writeString(pending, stats("b", 0, 1, 0, 1, 1, -1).toJson());

    assertEquals(List.of(new Unit(A, 0), new Unit(A, 2), new Unit(B, 0), new Unit(B, 1), new Unit(B, 2)),
        ledger.todo(List.of(A, B), List.of(0, 1, 2)));
    assertEquals(1, ledger.committedUnits());
  }

  @Test
  void anEmptyFolderHasNothingCommitted() throws IOException {
    UnitLedger ledger = ledger();
    assertEquals(0, ledger.committedUnits());
    assertEquals(List.of(), ledger.models());
    assertEquals(Map.of(), ledger.totals(List.of("a")));
    assertEquals(List.of(new Unit(A, 7)), ledger.todo(List.of(A), List.of(7)));
  }

  @Test
  void totalsAddUpEveryCommittedUnitOfEachModel() throws IOException {
    UnitLedger ledger = ledger();
    ledger.commit(new Unit(B, 0), table("scores", ""), table("rejects", ""), stats("b", 0, 4, 1, 30, 120, -20.5));
    ledger.commit(new Unit(B, 1), table("scores", ""), table("rejects", ""), stats("b", 1, 2, 0, 10, 50, -7.25));
    ledger.commit(new Unit(A, 1), table("scores", ""), table("rejects", ""), stats("a", 1, 3, 2, 9, 70, -3.0));

    assertEquals(List.of("a", "b"), ledger.models());
    Map<String, UnitStats> totals = ledger.totals(List.of("b", "a", "never-scored"));
    assertEquals(List.of("a", "b"), List.copyOf(totals.keySet()));
    UnitStats b = totals.get("b");
    assertEquals(List.of(7L, 6L, 1L, 40L, 170L), List.of(b.rowsIn(), b.scored(), b.rejected(), b.tokens(), b.nBytes()));
    assertEquals(-27.75, b.logprob(), 0.0); // sums of binary fractions: exact
    assertEquals(3.0, b.seconds(), 0.0);
    assertEquals(2, totals.get("a").rejected());
  }
}

package xent.scaling;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import xent.inventory.MetadataTable;
import xent.train.LearningRateSchedule;

/** A metadata table's row as the scaling dataset's facts: C defaulted and said so, S1/S2 from the schedule. */
@Tag("fast")
class TableFactsTest {

  @Test
  void computesTheLearningRatesOfAWsdScheduleAsXentTrainDoes(@TempDir Path dir) throws Exception {
    MetadataTable table = MetadataTable.read(Files.writeString(dir.resolve("m.csv"),
        "model,N,D,C,step,lr,min_lr,warmup,schedule,total_steps,decay_fraction\n"
            + "run,1000,4096,1.5e10,30,0.003,0.0003,5,WSD,40,0.25\n"));
    CheckpointFacts facts = TableFacts.of(table, "run", table.row("run").orElseThrow());
    assertEquals(1.5e10, facts.flops());
    assertEquals("table", facts.flopsSource());
    assertNull(facts.nNonEmbedding());
    assertArrayEquals(new LearningRateSchedule(LearningRateSchedule.Shape.WSD, 0.003, 0.0003, 5, 40, 0.25).all(),
        facts.learningRates());
  }

  @Test
  void refusesAScheduleXentDoesNotComputeNamingTheCell(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("m.csv"),
        "model,N,D,step,lr,warmup,schedule,total_steps\nrun,1000,4096,3,0.003,1,linear,10\n");
    MetadataTable table = MetadataTable.read(file);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> TableFacts.of(table, "run", table.row("run").orElseThrow()));
    assertEquals(file + ", model 'run', column schedule: 'linear' is not cosine or wsd", e.getMessage());
  }

  @Test
  void refusesARowWithoutTokensNamingTheModel(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("m.csv"), "model,N,D\nrun,1000,\n");
    MetadataTable table = MetadataTable.read(file);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> TableFacts.of(table, "run", table.row("run").orElseThrow()));
    assertEquals(file + ", model 'run', column D: empty; the scaling dataset needs N and D for every model",
        e.getMessage());
  }
}

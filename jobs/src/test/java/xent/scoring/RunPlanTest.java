package xent.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** A refused rerun names each option that differs as the command line spells it, with both values. */
@Tag("fast")
class RunPlanTest {

  private static final RunPlan EARLIER = new RunPlan(CorpusOptions.of("a.jsonl"), 128, 0, false, 4);

  @Test
  void namesEveryDifferingOptionWithTheNewAndTheOldValue() {
    RunPlan asked = new RunPlan(new CorpusOptions("b.jsonl", CorpusOptions.Format.JSONL, "body",
        "id", "domain", 10), 64, 32, true, 4);
    assertEquals(List.of("--corpus b.jsonl (was a.jsonl)", "--format jsonl (was not given)",
        "--text-col body (was text)", "--limit 10 (was 0)", "--max-length 64 (was 128)",
        "--stride 32 (was 0)", "--per-token true (was false)"), asked.conflictsWith(EARLIER, 0));
  }

  @Test
  void splitsDifferOnlyWhenAskedFor() {
    RunPlan same = new RunPlan(CorpusOptions.of("a.jsonl"), 128, 0, false, 4);
    assertEquals(List.of(), same.conflictsWith(EARLIER, 0));
    assertEquals(List.of(), same.conflictsWith(EARLIER, 4));
    assertEquals(List.of("--splits 8 (was 4)"), same.conflictsWith(EARLIER, 8));
  }
}

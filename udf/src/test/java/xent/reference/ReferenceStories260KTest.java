package xent.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import xent.RequiresSharedData;
import xent.SharedData;
import xent.Tolerance;
import xent.model.checkpoint.Checkpoint;
import xent.model.checkpoint.Llama2cCheckpointReader;

/** The reference forward pass reproduces the shared float64 numbers of the real stories260K. */
@RequiresSharedData
class ReferenceStories260KTest {

  private static final int WINDOW = 128;
  private static final int BOS = 1;

  @Test
  void reproducesTinystoryLogProbsOfStories260KInWindowsOf128() throws IOException {
    Path model = SharedData.stories260K();
    Path tsv = SharedData.file("reference/tinystory.w128.tsv");

    // position, target_id, logprob per predicted token, after one header line
    List<String[]> rows =
        Files.readAllLines(tsv).stream()
            .filter(line -> !line.startsWith("#") && !line.isBlank())
            .map(line -> line.split("\t"))
            .toList();
    int[] targets = rows.stream().mapToInt(r -> Integer.parseInt(r[1])).toArray();
    double[] expected = rows.stream().mapToDouble(r -> Double.parseDouble(r[2])).toArray();
    assertEquals(1968, targets.length, "tokens in " + tsv);

    Checkpoint checkpoint = new Llama2cCheckpointReader().read(model);
    ReferenceModel reference = ReferenceModel.of(checkpoint);

    // disjoint windows, each fed the token before it (BOS for the first) plus its own tokens
    double total = 0;
    for (int start = 0; start < targets.length; start += WINDOW) {
      int end = Math.min(start + WINDOW, targets.length);
      int[] window = Arrays.copyOfRange(targets, start, end);
      int[] input = new int[window.length];
      input[0] = start == 0 ? BOS : targets[start - 1];
      System.arraycopy(window, 0, input, 1, window.length - 1);
      double[] logProbs = reference.targetLogProbs(input, window);
      for (int i = 0; i < window.length; i++) {
        // float64 against float64 printed with 7 decimals: mostly the printing.
        assertEquals(expected[start + i], logProbs[i], Tolerance.printed(7) + Tolerance.FLOAT64_REFERENCES,
            "token at position " + (start + i));
        total += logProbs[i];
      }
    }
    assertEquals(-2682.625111, total, Tolerance.printed(6) + targets.length * Tolerance.FLOAT64_REFERENCES);
  }
}

package xent.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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

    // lm-eval loglikelihood_rolling windows, written out here rather than taken from TokenWindows:
    // the first reads BOS + tokens[0, 127); each later one predicts tokens[start, end) and reads
    // the 128 tokens tokens[end - 129, end - 1), so the short last window keeps its context.
    double total = 0;
    for (int start = 0; start < targets.length; start += WINDOW) {
      int end = Math.min(start + WINDOW, targets.length);
      int[] input = new int[start == 0 ? end : WINDOW];
      if (start == 0) {
        input[0] = BOS;
        System.arraycopy(targets, 0, input, 1, end - 1);
      } else {
        System.arraycopy(targets, end - WINDOW - 1, input, 0, WINDOW);
      }
      double[][] logProbs = reference.logProbs(input);
      for (int p = start; p < end; p++) {
        double logProb = logProbs[input.length - (end - p)][targets[p]];
        // float64 against float64 printed with 7 decimals: mostly the printing.
        assertEquals(expected[p], logProb, Tolerance.printed(7) + Tolerance.FLOAT64_REFERENCES, "token at position " + p);
        total += logProb;
      }
    }
    assertEquals(-2672.657778, total, Tolerance.printed(6) + targets.length * Tolerance.FLOAT64_REFERENCES);
  }
}

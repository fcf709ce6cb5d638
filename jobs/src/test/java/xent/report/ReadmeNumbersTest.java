package xent.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** bin/readme-numbers: README's demo blocks are rewritten from a demo folder's files, and only they. */
@Tag("fast")
class ReadmeNumbersTest {

  @TempDir Path dir;

  private DemoLayout demo() throws IOException {
    DemoLayout layout = new DemoLayout(dir);
    Files.createDirectories(layout.mixture());
    Files.writeString(layout.mixture().resolve("metrics.md"), "Leave-one-mixture-out ...\n\n"
        + "| domain | mde |\n|---|---|\n| news | 0.900 / 0.0808 |\n");
    Files.writeString(layout.mixture().resolve("optimum.csv"), "method,search,predicted_objective,predicted_low,"
        + "predicted_high,mde_objective,evaluations,converged,w_news,w_sotu\n"
        + "mde,exponentiated-gradient,4.175208432,,,4.175208432,159,true,0.25,0.75\n"
        + "regmix,dirichlet-supported-top-tenth,3.880226208,3.759774989,4.324643995,4.182619576,10009,true,0.6,0.4\n");
    Path chinchilla = layout.fits().resolve("chinchilla");
    Files.createDirectories(chinchilla);
    Files.writeString(chinchilla.resolve("fit.json"), """
        {"E": 3.303, "alpha": 1.2802, "points": 16,
         "bootstrap": {"parameters": {"E": {"interval": [0.0, 3.9065]}, "alpha": {"interval": [0.0603, 53.93]}}},
         "verdict": {"identified": false, "reasons": ["alpha = 1.280 has the interval [0.06034, 53.93]"]},
         "holdout": {"points_held_out": 4, "mean_abs_relative_error": 0.0897, "max_abs_relative_error": 0.218},
         "compute_optimal": {"budgets": [{"C": 5.0e9, "N_opt": 2813.9}],
           "verdict": {"identified": false, "reasons": ["the fit is not identified"]}},
         "approach_1": {"budgets": [{"C": 5.0e9, "N_opt": null, "note": "lowest loss at the smallest size"}],
           "verdict": {"identified": false, "reasons": ["only 1 of 4 budgets"]}},
         "approach_2": {"budgets": [{"C": 5.0e9, "N_opt": 5299.07}],
           "verdict": {"identified": true, "reasons": []}}}
        """);
    return layout;
  }

  @Test
  void rewritesEachBlockFromTheDemoFilesAndLeavesTheRestAlone() throws IOException {
    String readme = "# xent\nprose 1\n<!-- demo:mixture-metrics -->\nstale\n<!-- /demo:mixture-metrics -->\nprose 2\n"
        + "<!-- demo:mixture-optimum -->\n<!-- /demo:mixture-optimum -->\n"
        + "<!-- demo:scaling-fits -->\nold\n<!-- /demo:scaling-fits -->\n"
        + "<!-- demo:chinchilla-frontier -->\n<!-- /demo:chinchilla-frontier -->\nend\n";
    ReadmeNumbers numbers = new ReadmeNumbers(demo());
    String after = numbers.rewrite(readme);
    assertTrue(after.startsWith("# xent\nprose 1\n<!-- demo:mixture-metrics -->\n| domain | mde |\n|---|---|\n"
        + "| news | 0.900 / 0.0808 |\n<!-- /demo:mixture-metrics -->\nprose 2\n"), after);
    assertTrue(after.contains("| mde | exponentiated-gradient | 4.175 | 4.175 | news 0.250, sotu 0.750 |\n"), after);
    assertTrue(after.contains("| regmix | dirichlet-supported-top-tenth | 3.88 [3.76, 4.325] | 4.183 | news 0.600, sotu 0.400 |"),
        after);
    assertTrue(after.contains("| chinchilla | 16 | E = 3.303 [0, 3.907], alpha = 1.28 [0.0603, 53.93] | not identified: "
        + "alpha = 1.280 has the interval [0.06034, 53.93] | 4 points, mean 9.0%, max 21.8% |"), after);
    assertTrue(after.contains("| 5.000e+09 | 2814 | lowest loss at the smallest size | 5299 |\n"
        + "| verdict | not identified: the fit is not identified | not identified: only 1 of 4 budgets | identified |"),
        after);
    assertTrue(after.endsWith("<!-- /demo:chinchilla-frontier -->\nend\n"));
    assertEquals(after, numbers.rewrite(after), "a README that holds a run's numbers is left as it is");
  }

  @Test
  void refusesABlockItDoesNotKnow() throws IOException {
    IOException e = assertThrows(IOException.class,
        () -> new ReadmeNumbers(demo()).rewrite("<!-- demo:speed -->\n<!-- /demo:speed -->\n"));
    assertTrue(e.getMessage().startsWith("README block demo:speed is not one of"), e.getMessage());
  }
}

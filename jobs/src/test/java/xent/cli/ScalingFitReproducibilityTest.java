package xent.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code xent scaling fit} with a bootstrap and a hold-out, run twice on the same table, prints and
 * writes the same bytes: the fit's starts and the resamples draw from --seed, nothing from the clock
 * or from hash order.
 */
@Tag("fast")
class ScalingFitReproducibilityTest {

  @Test
  void twoChinchillaFitsWithBootstrapWriteIdenticalFiles(@TempDir Path dir) throws Exception {
    Path data = Files.writeString(dir.resolve("grid.csv"), isoFlopGrid());
    fit(data, dir.resolve("first"));
    fit(data, dir.resolve("second"));
    assertTrue(Files.readString(dir.resolve("first/fit.json")).contains("\"verdict\""));
    List<Path> files = files(dir.resolve("first"));
    assertEquals(files, files(dir.resolve("second")));
    assertTrue(files.contains(Path.of("fit.json")) && files.contains(Path.of("fitted-vs-observed.svg")), files.toString());
    for (Path file : files) {
      assertArrayEquals(Files.readAllBytes(dir.resolve("first").resolve(file)),
          Files.readAllBytes(dir.resolve("second").resolve(file)), file + " differs between two runs with --seed 3");
    }
  }

  private static void fit(Path data, Path plots) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit = Main.run(new String[] {"scaling", "fit", "--data", data.toString(), "--law", "chinchilla",
        "--bootstrap", "40", "--seed", "3", "--holdout-largest", "1", "--plots", plots.toString()},
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    assertEquals(0, exit, err.toString(StandardCharsets.UTF_8));
  }

  /** 4 sizes x 3 budgets of Chinchilla's own law with 1% noise, D = C / 6N. */
  private static String isoFlopGrid() {
    Random noise = new Random(17);
    StringBuilder csv = new StringBuilder("N,D,loss\n");
    for (double c : new double[] {1e18, 1e19, 1e20}) {
      for (double n : new double[] {3e7, 1e8, 3e8, 1e9}) {
        double d = c / (6 * n);
        double loss = 1.69 + 406.4 / Math.pow(n, 0.34) + 410.7 / Math.pow(d, 0.28);
        csv.append(String.format(Locale.ROOT, "%.6g,%.6g,%.9f%n", n, d, loss * (1 + 0.01 * noise.nextGaussian())));
      }
    }
    return csv.toString();
  }

  private static List<Path> files(Path root) throws IOException {
    try (Stream<Path> walk = Files.walk(root)) {
      return walk.filter(Files::isRegularFile).map(root::relativize).sorted().toList();
    }
  }
}

package xent.scaling;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import xent.RequiresSharedData;
import xent.SharedData;
import xent.table.CsvTable;

/** Approach 3 on the Chinchilla points Epoch AI extracted reproduces Epoch's refit (shared/data/chinchilla). */
@RequiresSharedData
class ChinchillaRefitTest {

  private static List<ScalingPoint> chinchillaPoints() throws Exception {
    Path csv = SharedData.file("data/chinchilla/svg_extracted_data.csv");
    CsvTable table = CsvTable.read(csv);
    List<ScalingPoint> all = new ScalingData("Model Size", "D", "Training FLOP", "loss").points(table);
    return ScalingData.dropHighest(all, 5);
  }

  @Test
  void plainHuberFitFromTheFullGridMatchesEpochsLbfgsRefitWithinThreePercent() throws Exception {
    List<ScalingPoint> points = chinchillaPoints();
    long start = System.nanoTime();
    ScalingLawFit fit = new HuberFit(new ChinchillaLaw(), HuberLoss.CHINCHILLA, false).fit(points);
    System.out.printf("chinchilla plain fit: %s objective %.6g in %.1f s%n", fit.parameters(), fit.objective(), (System.nanoTime() - start) / 1e9);
    assertEquals(240, fit.points());
    assertWithin(Map.of("E", 1.8172, "A", 477.82, "B", 2143.42, "alpha", 0.3473, "beta", 0.3672), fit, 0.03);
    assertEquals(1.01827e-3, fit.objective(), 0.01e-3);
  }

  @Test
  void maximumLikelihoodVariantMatchesEpochsPublishedRefitWithinThreePercent() throws Exception {
    ScalingLawFit fit = new HuberFit(new ChinchillaLaw(), HuberLoss.CHINCHILLA, true).fit(chinchillaPoints());
    System.out.printf("chinchilla ML fit: %s sigma %.4g%n", fit.parameters(), fit.sigma());
    assertWithin(Map.of("E", 1.8172, "A", 482.01, "B", 2085.43, "alpha", 0.3478, "beta", 0.3658), fit, 0.03);
  }

  static void assertWithin(Map<String, Double> expected, ScalingLawFit fit, double relative) {
    expected.forEach((name, value) -> assertEquals(value, fit.parameter(name), relative * Math.abs(value),
        () -> name + " of " + fit.parameters()));
  }
}

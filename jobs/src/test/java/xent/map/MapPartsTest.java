package xent.map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The driver-side pieces of the map: t-SNE, ridge with leave-one-out, text chunks. */
@Tag("fast")
class MapPartsTest {

  @Test
  void tsneKeepsEachModelNextToItsOwnGroup() {
    Random random = new Random(1);
    int m = 30;
    double[][] points = new double[m][3];
    for (int i = 0; i < m; i++) {
      for (int c = 0; c < 3; c++) {
        points[i][c] = (c == i % 3 ? 10 : 0) + random.nextGaussian();
      }
    }
    double[][] d = new double[m][m];
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < m; j++) {
        for (int c = 0; c < 3; c++) {
          d[i][j] += Math.pow(points[i][c] - points[j][c], 2);
        }
      }
    }
    double[][] y = new Tsne(Tsne.defaultPerplexity(m), 1000, 7).embed(d, points);
    // Every model's nearest neighbour on the layout is one of its own group.
    for (int i = 0; i < m; i++) {
      int nearest = -1;
      for (int j = 0; j < m; j++) {
        if (j != i && (nearest < 0
            || Math.hypot(y[i][0] - y[j][0], y[i][1] - y[j][1]) < Math.hypot(y[i][0] - y[nearest][0], y[i][1] - y[nearest][1]))) {
          nearest = j;
        }
      }
      assertEquals(i % 3, nearest % 3, "group of the nearest neighbour of " + i);
    }
    double[][] again = new Tsne(Tsne.defaultPerplexity(m), 1000, 7).embed(d, points);
    assertEquals(y[5][1], again[5][1], 0.0, "same seed, same layout");
  }

  @Test
  void ridgePredictsALinearBenchmarkOutOfSample() {
    Random random = new Random(2);
    int m = 40;
    double[][] x = new double[m][3];
    double[] y = new double[m];
    for (int i = 0; i < m; i++) {
      for (int c = 0; c < 3; c++) {
        x[i][c] = random.nextGaussian();
      }
      y[i] = 50 + 3 * x[i][0] - 2 * x[i][1] + 0.1 * random.nextGaussian();
    }
    double[][] kernel = new double[m][m];
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < m; j++) {
        for (int c = 0; c < 3; c++) {
          kernel[i][j] += x[i][c] * x[j][c];
        }
      }
    }
    y[7] = Double.NaN; // a model without the score is left out
    List<String> names = ScoreRows.names(m);
    BenchmarkRidge.Fit fit = BenchmarkRidge.fit("bench", "coordinates", names, kernel, y);
    assertEquals(m - 1, fit.models().size());
    assertTrue(fit.pearson() > 0.99, "leave-one-out r " + fit.pearson());
    assertTrue(fit.rmse() < 0.3, "leave-one-out rmse " + fit.rmse());
    double[] noise = new Random(3).doubles(m).toArray();
    BenchmarkRidge.Fit none = BenchmarkRidge.fit("noise", "coordinates", names, kernel, noise);
    assertTrue(none.pearson() < 0.5, "noise is not predictable out of sample: r " + none.pearson());
  }

  @Test
  void chunksStayUnderTheByteLimitWithoutSplittingCharacters() {
    StringBuilder text = new StringBuilder();
    Random random = new Random(4);
    String[] words = {"naïve", "日本語", "emoji😀", "plain", "words"};
    while (text.length() < 5000) {
      text.append(words[random.nextInt(words.length)]).append(' ');
    }
    List<String> chunks = TextSet.chunks(text.toString(), 1024);
    assertEquals(text.toString(), String.join("", chunks));
    for (String chunk : chunks) {
      byte[] bytes = chunk.getBytes(StandardCharsets.UTF_8);
      assertTrue(bytes.length <= 1024, "chunk of " + bytes.length + " bytes");
      assertEquals(chunk, new String(bytes, StandardCharsets.UTF_8), "whole characters only");
    }
    assertTrue(new ArrayList<>(chunks).get(0).getBytes(StandardCharsets.UTF_8).length > 900, "chunks are nearly full");
  }
}

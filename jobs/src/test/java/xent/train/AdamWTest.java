package xent.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import xent.model.TorchEngine;

@Tag("fast")
class AdamWTest {

  @Test
  void twoStepsMatchTheUpdateComputedByHand() {
    TorchEngine.start(1);
    try (NDManager m = Engine.getEngine(TorchEngine.NAME).newBaseManager();
        AdamW adam = new AdamW(new AdamW.Settings(0.9, 0.99, 1e-8, 0.1), m)) {
      NDArray w = m.create(new double[] {1, -2, 3, 0.5}, new Shape(2, 2)); // a matrix: decayed
      NDArray b = m.create(new double[] {0.25, -0.75}); // a bias: not decayed
      double[] g1w = {0.5, -1, 0.2, 0};
      double[] g1b = {1, -0.1};
      double[] g2w = {-0.3, 0.4, 0.2, 1};
      double[] g2b = {0.5, 0.5};
      double lr1 = 0.1;
      double lr2 = 0.05;
      adam.step(Map.of("w", w, "b", b),
          Map.of("w", m.create(g1w, new Shape(2, 2)), "b", m.create(g1b)), lr1);
      adam.step(Map.of("w", w, "b", b),
          Map.of("w", m.create(g2w, new Shape(2, 2)), "b", m.create(g2b)), lr2);

      assertArrayEquals(byHand(new double[] {1, -2, 3, 0.5}, g1w, g2w, lr1, lr2, 0.1),
          w.toDoubleArray(), 1e-12);
      assertArrayEquals(byHand(new double[] {0.25, -0.75}, g1b, g2b, lr1, lr2, 0),
          b.toDoubleArray(), 1e-12);
      assertEquals(2, adam.steps());
    }
  }

  /** torch.optim.AdamW's two updates, element by element. */
  private static double[] byHand(double[] p, double[] g1, double[] g2, double lr1, double lr2,
      double decay) {
    double[] out = p.clone();
    for (int i = 0; i < p.length; i++) {
      double m = 0;
      double v = 0;
      int t = 0;
      for (double[] step : List.of(new double[] {g1[i], lr1}, new double[] {g2[i], lr2})) {
        double g = step[0];
        double lr = step[1];
        t++;
        out[i] *= 1 - lr * decay;
        m = 0.9 * m + 0.1 * g;
        v = 0.99 * v + 0.01 * g * g;
        double mHat = m / (1 - Math.pow(0.9, t));
        double vHat = v / (1 - Math.pow(0.99, t));
        out[i] -= lr * mHat / (Math.sqrt(vHat) + 1e-8);
      }
    }
    return out;
  }

  @Test
  void clippingScalesTheGlobalNormDownToTheLimitAndLeavesSmallGradientsAlone() {
    TorchEngine.start(1);
    try (NDManager m = Engine.getEngine(TorchEngine.NAME).newBaseManager()) {
      NDArray a = m.create(new float[] {3, 0});
      NDArray b = m.create(new float[] {0, 4, 0}); // global norm 5
      assertEquals(5.0, GradientClipping.clip(List.of(a, b), 1.0), 1e-6);
      assertArrayEquals(new float[] {0.6f, 0}, a.toFloatArray(), 1e-6f);
      assertArrayEquals(new float[] {0, 0.8f, 0}, b.toFloatArray(), 1e-6f);
      assertEquals(1.0, GradientClipping.clip(List.of(a, b), 2.0), 1e-5);
      assertArrayEquals(new float[] {0.6f, 0}, a.toFloatArray(), 1e-6f);
    }
  }
}

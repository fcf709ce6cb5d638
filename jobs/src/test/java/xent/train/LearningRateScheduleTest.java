package xent.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import xent.train.LearningRateSchedule.Shape;

@Tag("fast")
class LearningRateScheduleTest {

  @Test
  void cosineWarmsUpLinearlyThenFollowsTheHalfCosineToTheMinimum() {
    // warmup 10 of 110 steps, peak 1e-3, min 1e-4: after warmup, progress p = (s - 10) / 99
    LearningRateSchedule s = new LearningRateSchedule(Shape.COSINE, 1e-3, 1e-4, 10, 110, 0);
    assertEquals(1e-4, s.at(0), 1e-15); // peak * 1 / 10
    assertEquals(5e-4, s.at(4), 1e-15);
    assertEquals(1e-3, s.at(9), 1e-15);
    assertEquals(1e-3, s.at(10), 1e-15); // p = 0
    double p = 40.0 / 99;
    assertEquals(1e-4 + 9e-4 * 0.5 * (1 + Math.cos(Math.PI * p)), s.at(50), 1e-15);
    assertEquals(1e-4 + 9e-4 * 0.5, new LearningRateSchedule(Shape.COSINE, 1e-3, 1e-4, 0, 101, 0)
        .at(50), 1e-15); // halfway is the mean of peak and min
    assertEquals(1e-4, s.at(109), 1e-15);
  }

  @Test
  void wsdHoldsThePeakThenDecaysLinearlyOverTheLastFraction() {
    // 100 steps, warmup 10, decay over the last 20: steps 80..99 go from peak to min
    LearningRateSchedule s = new LearningRateSchedule(Shape.WSD, 2e-3, 0, 10, 100, 0.2);
    assertEquals(2e-4, s.at(0), 1e-15);
    assertEquals(2e-3, s.at(10), 1e-15);
    assertEquals(2e-3, s.at(79), 1e-15);
    assertEquals(2e-3, s.at(80), 1e-15);
    assertEquals(2e-3 * (1 - 10.0 / 19), s.at(90), 1e-15);
    assertEquals(0, s.at(99), 1e-15);
    double[] all = s.all();
    assertEquals(100, all.length);
    for (int i = 81; i < 100; i++) {
      assertTrue(all[i] < all[i - 1], "decreasing at " + i);
    }
  }

  @Test
  void rejectsWarmupAsLongAsTrainingAndStepsOutsideTheRun() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new LearningRateSchedule(Shape.COSINE, 1e-3, 0, 10, 10, 0));
    assertEquals("need 0 <= warmup < steps, found warmup 10, steps 10", e.getMessage());
    LearningRateSchedule s = new LearningRateSchedule(Shape.COSINE, 1e-3, 0, 0, 10, 0);
    assertThrows(IllegalArgumentException.class, () -> s.at(10));
    assertThrows(IllegalArgumentException.class,
        () -> new LearningRateSchedule(Shape.WSD, 1e-3, 0, 0, 10, 0));
  }
}

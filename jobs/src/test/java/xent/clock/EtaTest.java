package xent.clock;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("fast")
class EtaTest {

  @Test
  void saysEstimatingUntilWorkIsDoneThenCountsDownBetweenUpdates() {
    Eta eta = new Eta();
    assertEquals("estimating", eta.format(30));
    eta.update(0, 30);
    assertEquals("estimating", eta.format(31));

    eta.update(0.25, 40); // 40 s for a quarter: 120 s left
    assertEquals("2m00s", eta.format(40));
    eta.update(0.25, 70); // the same share learnt again: the countdown goes on
    assertEquals("1m30s", eta.format(70));
    assertEquals("0.0s", eta.format(500), "never negative");

    eta.update(0.5, 100); // a new share re-estimates from the rate so far: 100 s left
    assertEquals("1m40s", eta.format(100));
  }
}

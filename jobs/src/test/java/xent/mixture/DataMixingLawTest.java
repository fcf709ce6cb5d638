package xent.mixture;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The Data Mixing Law fit recovers the identifiable parameters of a known law. */
@Tag("fast")
class DataMixingLawTest {

  @Test
  void recoversAKnownLawFromNoiseFreeLosses() {
    double c = 2.0;
    double k = 1.5;
    double[] t = {-1.0, 0.5, -2.0};
    double[][] w = new DirichletSearch(40, 11).candidates(3);
    double[] loss = new double[w.length];
    for (int n = 0; n < w.length; n++) {
      loss[n] = c + k * Math.exp(t[0] * w[n][0] + t[1] * w[n][1] + t[2] * w[n][2]);
    }
    DataMixingLaw.Law law = new DataMixingLaw(3, 8).fitDomain(w, loss);
    assertEquals(c, law.c(), 1e-4);
    // Only differences of t and k exp(t_3) are identifiable (the weights sum to one).
    assertEquals(t[0] - t[2], law.t()[0] - law.t()[2], 1e-3);
    assertEquals(t[1] - t[2], law.t()[1] - law.t()[2], 1e-3);
    assertEquals(k * Math.exp(t[2]), law.k() * Math.exp(law.t()[2]), 1e-4);
    double[] unseen = {0.33, 0.07, 0.6};
    assertEquals(c + k * Math.exp(t[0] * 0.33 + t[1] * 0.07 + t[2] * 0.6), law.predict(unseen), 1e-6);
  }

  @Test
  void fitsEachDomainOfObservations() {
    double[][] w = new DirichletSearch(30, 4).candidates(2);
    double[][] loss = new double[w.length][2];
    for (int n = 0; n < w.length; n++) {
      loss[n][0] = 3 + 0.5 * Math.exp(-2 * w[n][0]);
      loss[n][1] = 4 + 0.2 * Math.exp(-3 * w[n][1]);
    }
    Observations o = new Observations(java.util.stream.IntStream.range(0, w.length).mapToObj(n -> "m" + n).toList(),
        w, new double[w.length][2], loss);
    LossRegression.Fitted fitted = new DataMixingLaw(1, 4).fit(o);
    double[] predicted = fitted.predict(new double[] {0.25, 0.75}, new double[2]);
    assertEquals(3 + 0.5 * Math.exp(-0.5), predicted[0], 1e-6);
    assertEquals(4 + 0.2 * Math.exp(-2.25), predicted[1], 1e-6);
    assertEquals(List.of("mixing-law"), List.of(new DataMixingLaw(1, 1).name()));
  }
}

package xent.scaling;

import java.util.Comparator;
import java.util.List;

/** The point of median loss, around which fits put their starting guesses. */
final class Medians {

  private Medians() {}

  static ScalingPoint byLoss(List<ScalingPoint> points) {
    if (points.isEmpty()) {
      throw new IllegalArgumentException("cannot fit a scaling law to no points");
    }
    return points.stream().sorted(Comparator.comparingDouble(ScalingPoint::loss)).toList().get(points.size() / 2);
  }
}

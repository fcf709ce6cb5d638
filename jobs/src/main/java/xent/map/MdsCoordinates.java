package xent.map;

import java.util.List;

/** Map coordinates of the models, {@code x[i]} for model i, and each axis's share of the variance. */
public record MdsCoordinates(List<String> models, double[][] x, double[] explained) {

  public MdsCoordinates {
    models = List.copyOf(models);
    if (x.length != models.size()) {
      throw new IllegalArgumentException(x.length + " coordinate rows for " + models.size() + " models");
    }
  }

  public int dims() {
    return explained.length;
  }

  /** The first {@code dims} axes. */
  public double[][] first(int dims) {
    double[][] out = new double[x.length][dims];
    for (int i = 0; i < x.length; i++) {
      System.arraycopy(x[i], 0, out[i], 0, Math.min(dims, x[i].length));
    }
    return out;
  }
}

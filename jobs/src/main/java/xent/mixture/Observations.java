package xent.mixture;

import java.util.ArrayList;
import java.util.List;

/**
 * Trained mixtures as the regressions see them, one row per model: its training mixture w over
 * the experts' domains, the MDE estimates at w of every validation domain, and the observed losses.
 */
record Observations(List<String> models, double[][] w, double[][] mde, double[][] loss) {

  Observations {
    models = List.copyOf(models);
    if (w.length != models.size() || mde.length != models.size() || loss.length != models.size()) {
      throw new IllegalArgumentException("observations: " + models.size() + " models, " + w.length + " mixtures, "
          + mde.length + " MDE rows, " + loss.length + " loss rows");
    }
  }

  int size() {
    return models.size();
  }

  /** All but row {@code held}. */
  Observations without(int held) {
    List<String> names = new ArrayList<>(models);
    names.remove(held);
    return new Observations(names, drop(w, held), drop(mde, held), drop(loss, held));
  }

  /** The given rows, in that order (repeats allowed: a bootstrap resample). */
  Observations rows(int[] rows) {
    List<String> names = new ArrayList<>();
    double[][] w2 = new double[rows.length][];
    double[][] mde2 = new double[rows.length][];
    double[][] loss2 = new double[rows.length][];
    for (int i = 0; i < rows.length; i++) {
      names.add(models.get(rows[i]));
      w2[i] = w[rows[i]];
      mde2[i] = mde[rows[i]];
      loss2[i] = loss[rows[i]];
    }
    return new Observations(names, w2, mde2, loss2);
  }

  /** Column j of the losses. */
  double[] loss(int domain) {
    double[] column = new double[size()];
    for (int n = 0; n < column.length; n++) {
      column[n] = loss[n][domain];
    }
    return column;
  }

  private static double[][] drop(double[][] rows, int held) {
    double[][] out = new double[rows.length - 1][];
    for (int n = 0, o = 0; n < rows.length; n++) {
      if (n != held) {
        out[o++] = rows[n];
      }
    }
    return out;
  }
}

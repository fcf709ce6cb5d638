package xent.scaling;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import xent.table.CsvTable;

/**
 * Points read from a table by column name, as {@code scaling fit} selects them: N, D or C (D = C /
 * 6N when only C is given, and C = 6ND when only D is), the loss, and S1, S2 when present.
 *
 * @param n column of parameters
 * @param d column of tokens (may be absent)
 * @param c column of compute (may be absent)
 * @param loss column of the loss
 */
public record ScalingData(String n, String d, String c, String loss) {

  /** The columns of {@code scaling dataset}'s table. */
  public static final ScalingData DATASET = new ScalingData("N", "D", "C", "loss");

  public List<ScalingPoint> points(CsvTable table) {
    int rows = table.rows().size();
    double[] ns = table.has(n) ? table.numbers(n) : nan(rows);
    double[] ds = table.has(d) ? table.numbers(d) : null;
    double[] cs = table.has(c) ? table.numbers(c) : null;
    if (ds == null && cs == null) {
      throw new IllegalArgumentException(table.file() + ": neither tokens column '" + d + "' nor compute column '" + c + "'");
    }
    double[] losses = table.numbers(loss);
    double[] s1 = table.has("S1") ? table.numbers("S1") : nan(rows);
    double[] s2 = table.has("S2") ? table.numbers("S2") : nan(rows);
    List<String> models = table.has("model") ? table.text("model") : null;
    List<ScalingPoint> points = new ArrayList<>(rows);
    for (int i = 0; i < rows; i++) {
      double tokens = ds != null ? ds[i] : cs[i] / (6 * ns[i]);
      double compute = cs != null ? cs[i] : 6 * ns[i] * tokens;
      String model = models != null ? models.get(i) : "row-" + (i + 1);
      points.add(new ScalingPoint(model, ns[i], tokens, compute, s1[i], s2[i], losses[i]));
    }
    return points;
  }

  /** The points without the {@code k} of highest loss (Besiroglu et al. drop five). */
  public static List<ScalingPoint> dropHighest(List<ScalingPoint> points, int k) {
    if (k < 0 || k >= points.size()) {
      throw new IllegalArgumentException("--drop-highest " + k + ": must be in [0, " + points.size() + ")");
    }
    return points.stream().sorted(Comparator.comparingDouble(ScalingPoint::loss))
        .limit(points.size() - k).toList();
  }

  private static double[] nan(int rows) {
    double[] values = new double[rows];
    java.util.Arrays.fill(values, Double.NaN);
    return values;
  }
}

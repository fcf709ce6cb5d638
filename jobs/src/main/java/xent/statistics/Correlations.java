package xent.statistics;

import org.apache.commons.math3.stat.correlation.PearsonsCorrelation;
import org.apache.commons.math3.stat.correlation.SpearmansCorrelation;
import org.apache.commons.math3.stat.ranking.NaNStrategy;
import org.apache.commons.math3.stat.ranking.NaturalRanking;
import org.apache.commons.math3.stat.ranking.TiesStrategy;

/** Correlations of paired values, by commons-math; higher is better agreement. */
public final class Correlations {

  /** Ranks 1..n, tied values sharing the average of the ranks they span; a NaN is refused. */
  private static final NaturalRanking RANKING = new NaturalRanking(NaNStrategy.FAILED, TiesStrategy.AVERAGE);

  private Correlations() {}

  /** Pearson's correlation of x and y; NaN when either is constant or has fewer than 2 values. */
  public static double pearson(double[] x, double[] y) {
    requireSameLength("pearson", x, y);
    return x.length < 2 ? Double.NaN : new PearsonsCorrelation().correlation(x, y);
  }

  /**
   * Spearman's rank correlation: Pearson's correlation of the ranks (see {@link #ranks}). NaN when
   * either side is constant or has fewer than 2 values.
   */
  public static double spearman(double[] x, double[] y) {
    requireSameLength("spearman", x, y);
    return x.length < 2 ? Double.NaN : new SpearmansCorrelation(RANKING).correlation(x, y);
  }

  /** Ranks 1..n, ties given the average of the ranks they span. */
  public static double[] ranks(double[] values) {
    return RANKING.rank(values);
  }

  private static void requireSameLength(String what, double[] x, double[] y) {
    if (x.length != y.length) {
      throw new IllegalArgumentException(what + ": " + x.length + " values against " + y.length);
    }
  }
}

package xent.page;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One axis of a figure: a data range [min, max], linear or logarithmic, mapped onto the pixels
 * [from, to] (to < from for a y axis, which grows upwards), with its tick marks and their labels.
 */
public record AxisScale(double min, double max, boolean log, double from, double to) {

  /** A tick mark at {@code value}; {@code label} is empty for a minor tick. */
  public record Tick(double value, String label) {
    public boolean major() {
      return !label.isEmpty();
    }
  }

  private static final String SUPERSCRIPT = "⁰¹²³⁴⁵⁶⁷⁸⁹";

  public AxisScale {
    if (!(min < max) || Double.isInfinite(min) || Double.isInfinite(max) || (log && min <= 0)) {
      throw new IllegalArgumentException("axis range [" + min + ", " + max + "] is not a finite interval"
          + (log ? " of positive numbers (logarithmic axis)" : ""));
    }
  }

  /**
   * The range of {@code values} (non-finite ones, and non-positive ones on a log axis, left out),
   * widened by {@code padding} of its span on each side, unless {@code fixedMin} / {@code fixedMax}
   * (null when free) pin a side.
   */
  public static AxisScale fitting(double[] values, boolean log, Double fixedMin, Double fixedMax, double padding,
      double from, double to) {
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (double v : values) {
      if (Double.isFinite(v) && (!log || v > 0)) {
        double t = log ? Math.log10(v) : v;
        lo = Math.min(lo, t);
        hi = Math.max(hi, t);
      }
    }
    if (lo > hi) { // nothing to show: a unit range (1 to 10 on a log axis)
      lo = 0;
      hi = 1;
    } else if (lo == hi) {
      double half = log ? 0.5 : Math.max(Math.abs(lo) * 0.1, 0.5);
      lo -= half;
      hi += half;
    } else {
      double pad = (hi - lo) * padding;
      lo -= pad;
      hi += pad;
    }
    double min = fixedMin != null ? fixedMin : log ? Math.pow(10, lo) : lo;
    double max = fixedMax != null ? fixedMax : log ? Math.pow(10, hi) : hi;
    return new AxisScale(min, max, log, from, to);
  }

  /** The pixel of a data value (values outside the range map outside [from, to]). */
  public double pixel(double value) {
    double t = log ? (Math.log10(value) - Math.log10(min)) / (Math.log10(max) - Math.log10(min))
        : (value - min) / (max - min);
    return from + t * (to - from);
  }

  /** Whether {@code value} can be drawn on this axis at all. */
  public boolean drawable(double value) {
    return Double.isFinite(value) && (!log || value > 0);
  }

  /** Ticks inside the range, about 4 to 10 labelled ones. */
  public List<Tick> ticks() {
    return log ? logTicks() : linearTicks(min, max);
  }

  /** Whether an axis over [min, max] labels its ticks as 2.5×10⁵: beyond 10^5 or all below 10^-3. */
  private static boolean scientific(double min, double max) {
    double largest = Math.max(Math.abs(min), Math.abs(max));
    return largest >= 1e5 || largest < 1e-3;
  }

  private static List<Tick> linearTicks(double min, double max) {
    double raw = (max - min) / 6;
    double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
    double f = raw / magnitude;
    double step = (f < 1.5 ? 1 : f < 3 ? 2 : f < 7 ? 5 : 10) * magnitude;
    List<Tick> ticks = new ArrayList<>();
    for (long i = (long) Math.ceil(min / step - 1e-9); i * step <= max + step * 1e-9; i++) {
      double value = i * step;
      ticks.add(new Tick(value, label(Math.abs(value) < step * 1e-9 ? 0 : value, step, scientific(min, max))));
    }
    return ticks;
  }

  private List<Tick> logTicks() {
    double lo = Math.log10(min);
    double hi = Math.log10(max);
    int first = (int) Math.ceil(lo - 1e-9);
    int last = (int) Math.floor(hi + 1e-9);
    List<Tick> ticks = new ArrayList<>();
    if (last - first >= 2) { // decades labelled, every 2nd or 3rd when there are many; 2..9 as minor ticks
      int every = (last - first) / 8 + 1;
      for (int k = first - 1; k <= last; k++) {
        for (int m = 1; m <= 9; m++) {
          double value = m * Math.pow(10, k);
          if (value >= min * (1 - 1e-12) && value <= max * (1 + 1e-12)) {
            ticks.add(new Tick(value, m == 1 && Math.floorMod(k, every) == 0 ? power(k) : ""));
          }
        }
      }
      return ticks;
    }
    // within about two decades: the multiples 1..9 of each power of ten, or 1, 2, 5 when they crowd
    List<Double> multiples = new ArrayList<>();
    for (int k = first - 1; k <= last; k++) {
      for (int m = 1; m <= 9; m++) {
        double value = m * Math.pow(10, k);
        if (value >= min * (1 - 1e-12) && value <= max * (1 + 1e-12)) {
          multiples.add(value);
        }
      }
    }
    if (multiples.size() < 3) {
      return linearTicks(min, max);
    }
    boolean crowded = multiples.size() > 9;
    boolean scientific = scientific(min, max);
    for (double value : multiples) {
      int k = (int) Math.floor(Math.log10(value) + 1e-9);
      long m = Math.round(value / Math.pow(10, k));
      ticks.add(new Tick(value, !crowded || m == 1 || m == 2 || m == 5
          ? label(value, Math.pow(10, k), scientific) : ""));
    }
    return ticks;
  }

  /** A tick value to the decimals its step needs, as 2.5×10⁵ when {@code scientific}. */
  static String label(double value, double step, boolean scientific) {
    if (value != 0 && scientific) {
      int k = (int) Math.floor(Math.log10(Math.abs(value)) + 1e-9);
      int decimals = Math.max(0, (int) Math.ceil(k - Math.log10(step) - 1e-9));
      String mantissa = trim(String.format(Locale.ROOT, "%." + Math.min(decimals, 3) + "f", value / Math.pow(10, k)));
      return (mantissa.equals("1") ? "" : mantissa.equals("-1") ? "-" : mantissa + "×") + power(k);
    }
    int decimals = Math.max(0, (int) Math.ceil(-Math.log10(step) - 1e-9));
    return String.format(Locale.ROOT, "%." + decimals + "f", value);
  }

  private static String trim(String number) {
    return number.contains(".") ? number.replaceAll("\\.?0+$", "") : number;
  }

  /** 10 to the k as text: 10⁹, 10⁻³. */
  static String power(int k) {
    StringBuilder s = new StringBuilder("10");
    if (k < 0) {
      s.append('⁻');
    }
    for (char c : Integer.toString(Math.abs(k)).toCharArray()) {
      s.append(SUPERSCRIPT.charAt(c - '0'));
    }
    return s.toString();
  }
}

package xent.clock;

import java.util.Locale;

/** Elapsed or remaining wall time as progress lines print it: 3.2s, 42s, 1m05s, 2h07m. */
public final class WallTime {

  private WallTime() {}

  public static String format(double seconds) {
    if (seconds < 10) {
      return String.format(Locale.ROOT, "%.1fs", Math.max(0, seconds));
    }
    long s = Math.round(seconds);
    return s >= 3600 ? String.format(Locale.ROOT, "%dh%02dm", s / 3600, s / 60 % 60)
        : s >= 60 ? String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60) : s + "s";
  }
}

package xent.clock;

/**
 * Time left of a job whose share done is only learnt now and then (a training run or a task
 * finishing). Each new share re-estimates the time left from the rate so far; between two, the
 * estimate counts down with the clock instead of rising as elapsed time grows over a share that
 * has not moved. Before any work is done there is nothing to estimate from.
 */
public final class Eta {

  private double left = Double.NaN;
  private double at;
  private double share = -1;

  /**
   * Learns that {@code share} (0 to 1) of the work is done after {@code seconds}; a share that did
   * not move keeps the countdown.
   */
  public synchronized void update(double share, double seconds) {
    if (share <= 0 || share == this.share) {
      return;
    }
    this.share = share;
    this.left = seconds * (1 - share) / share;
    this.at = seconds;
  }

  /** "estimating" until some work is done, then the time left at {@code seconds}. */
  public synchronized String format(double seconds) {
    return Double.isNaN(left) ? "estimating" : WallTime.format(Math.max(0, left - (seconds - at)));
  }
}

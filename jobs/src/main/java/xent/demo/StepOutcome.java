package xent.demo;

/**
 * What became of a step in one run of the demo.
 *
 * @param step the step's name
 * @param description what the step does
 * @param status ran, reused (finished earlier with the same command lines), skipped (by
 *     {@code --skip}) or failed
 * @param seconds wall time in this run (0 when reused or skipped)
 * @param note extra words for the report, e.g. the failure or the earlier run's time
 */
public record StepOutcome(String step, String description, Status status, double seconds, String note) {

  public enum Status { RAN, REUSED, SKIPPED, FAILED }
}

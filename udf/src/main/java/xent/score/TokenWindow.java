package xent.score;

/**
 * One forward pass over part of a document, in positions of the sequence {@code s = [prefix] +
 * tokens}.
 *
 * <p>The input is {@code s[inputStart, targetEnd - 1)}; the logits at input position p predict
 * {@code s[p + 1]}, and only the targets {@code s[targetStart, targetEnd)} are scored, each with
 * context {@code s[inputStart, target)}.
 *
 * @param inputStart first input position (0 is the prefix token)
 * @param targetStart first scored position, at least inputStart + 1
 * @param targetEnd one past the last scored position
 */
public record TokenWindow(int inputStart, int targetStart, int targetEnd) {

  public TokenWindow {
    if (inputStart < 0 || targetStart <= inputStart || targetEnd <= targetStart) {
      throw new IllegalArgumentException(
          "window needs 0 <= inputStart < targetStart < targetEnd, found "
              + inputStart + ", " + targetStart + ", " + targetEnd);
    }
  }

  /** Number of input tokens fed to the model. */
  public int inputLength() {
    return targetEnd - 1 - inputStart;
  }

  /** Number of scored tokens. */
  public int scoredLength() {
    return targetEnd - targetStart;
  }

  /** Index in the input of the first scored prediction. */
  public int firstScoredInput() {
    return targetStart - 1 - inputStart;
  }
}

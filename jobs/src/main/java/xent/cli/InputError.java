package xent.cli;

/**
 * An input the user named (a model folder, a corpus, a file) is missing or cannot be read. Its
 * message names the input and is the whole report: exit 1, one line, no stack trace.
 */
public final class InputError extends RuntimeException {

  public InputError(String message) {
    super(message);
  }

  public InputError(String message, Throwable cause) {
    super(message, cause);
  }
}

package xent.cli;

import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * xent's one error path: {@code xent: error: WHAT} on stderr, naming the input; exit 2 for a usage
 * error, 1 for a failure; the stack trace only when asked for ({@code bin/xent --verbose} or
 * {@code XENT_DEBUG=1}).
 */
final class ErrorReport implements CommandLine.IParameterExceptionHandler, CommandLine.IExecutionExceptionHandler {

  static final int USAGE = 2;
  static final int FAILURE = 1;

  private final boolean traces;

  ErrorReport(boolean traces) {
    this.traces = traces;
  }

  /** Traces on when {@code XENT_DEBUG} is 1 (bin/xent --verbose sets it) or {@code -Dxent.debug=true}. */
  static ErrorReport fromEnvironment() {
    return new ErrorReport("1".equals(System.getenv("XENT_DEBUG")) || Boolean.getBoolean("xent.debug"));
  }

  @Override
  public int handleParseException(ParameterException ex, String[] args) {
    PrintWriter err = ex.getCommandLine().getErr();
    err.println("xent: error: " + describe(unknownFirst(ex)));
    trace(ex, err);
    return USAGE;
  }

  @Override
  public int handleExecutionException(Exception ex, CommandLine command, ParseResult parsed) {
    PrintWriter err = command.getErr();
    err.println("xent: error: " + FailureMessage.of(ex));
    trace(ex, err);
    return FAILURE;
  }

  /**
   * Picocli checks required options before it complains about unknown ones, so {@code --modle x}
   * would be reported as a missing {@code --model}; the unknown option is the user's real mistake.
   */
  static ParameterException unknownFirst(ParameterException ex) {
    if (ex instanceof UnmatchedArgumentException) {
      return ex;
    }
    ParameterException unknown = null;
    for (CommandLine c = ex.getCommandLine(); c != null; c = c.getParent()) {
      ParseResult parsed = c.getParseResult();
      List<String> unmatched = parsed == null ? List.of() : parsed.unmatched();
      if (!unmatched.isEmpty()) {
        unknown = new UnmatchedArgumentException(c, unmatched); // the outermost: first on the line
      }
    }
    return unknown == null ? ex : unknown;
  }

  private static String describe(ParameterException ex) {
    String message = FailureMessage.firstLine(String.valueOf(ex.getMessage()));
    if (ex instanceof UnmatchedArgumentException unmatched && !unmatched.getSuggestions().isEmpty()) {
      return message + " (possible solutions: " + String.join(", ", unmatched.getSuggestions()) + ")";
    }
    return message;
  }

  private void trace(Exception ex, PrintWriter err) {
    if (traces) {
      ex.printStackTrace(err);
    }
    err.flush();
  }
}

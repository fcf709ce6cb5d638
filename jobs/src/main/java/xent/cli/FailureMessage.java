package xent.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.UndeclaredThrowableException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * The one line a failed command is reported as. Wrappers that only carry another exception
 * (thread pools, reflection, Spark's "Job aborted" around a task's failure) are looked through, so
 * the line is the message of the failure itself, which in xent names the input.
 */
final class FailureMessage {

  private FailureMessage() {}

  static String of(Throwable failure) {
    return Loopback.explain(failure).orElseGet(() -> describe(unwrap(failure)));
  }

  static String firstLine(String message) {
    String trimmed = message.strip();
    int newline = trimmed.indexOf('\n');
    return (newline < 0 ? trimmed : trimmed.substring(0, newline)).strip();
  }

  private static Throwable unwrap(Throwable failure) {
    Throwable t = failure;
    while (t.getCause() != null && t.getCause() != t && isWrapper(t)) {
      t = t.getCause();
    }
    return t;
  }

  private static boolean isWrapper(Throwable t) {
    String message = t.getMessage();
    return message == null
        || message.equals(t.getCause().toString()) // new RuntimeException(cause)
        || t instanceof ExecutionException || t instanceof CompletionException
        || t instanceof InvocationTargetException || t instanceof UndeclaredThrowableException
        || t instanceof UncheckedIOException && message.endsWith(String.valueOf(t.getCause().getMessage()))
        || t.getClass().getName().equals("org.apache.spark.SparkException") && message.startsWith("Job aborted");
  }

  private static String describe(Throwable t) {
    String message = t.getMessage() == null ? "" : firstLine(t.getMessage());
    if (t instanceof NoSuchFileException) {
      return "no such file: " + message;
    }
    if (t instanceof AccessDeniedException) {
      return "permission denied: " + message;
    }
    boolean explained = t instanceof InputError || t instanceof IOException || t instanceof UncheckedIOException
        || t instanceof IllegalArgumentException || t instanceof IllegalStateException;
    if (explained && !message.isEmpty()) {
      return message;
    }
    // Not a failure xent anticipated: the type says more than a bare message would.
    return message.isEmpty() ? t.getClass().getName() : t.getClass().getName() + ": " + message;
  }
}

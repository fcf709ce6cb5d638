package xent.corpora;

import java.io.IOException;

/** A sample package could not be fetched or read; the message says which and what to do. */
public final class FetchException extends IOException {

  public FetchException(String message) {
    super(message);
  }

  public FetchException(String message, Throwable cause) {
    super(message, cause);
  }
}

package xent.cli;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.Optional;

/**
 * Spark in local mode talks to itself over 127.0.0.1 (bin/xent binds the driver there). Without a
 * loopback interface Spark fails in hundreds of lines of Netty traces; this says it in one.
 */
final class Loopback {

  static final String NEEDED = "Spark needs the loopback address 127.0.0.1: ";

  private static final int CONNECT_TIMEOUT_MS = 2000;

  private Loopback() {}

  /**
   * Binds a socket on 127.0.0.1 and connects to it, as the local-mode driver will; with the
   * interface down the bind may succeed while the connection has no route.
   */
  static void require() {
    InetAddress loopback = InetAddress.getLoopbackAddress();
    try (ServerSocket server = new ServerSocket(0, 1, loopback);
        Socket client = new Socket()) {
      client.connect(new InetSocketAddress(loopback, server.getLocalPort()), CONNECT_TIMEOUT_MS);
    } catch (IOException e) {
      throw new InputError(NEEDED + describe(e) + " (is the loopback interface 'lo' up?)", e);
    }
  }

  /** Whether {@code spark.master} (set by spark-submit and bin/xent) runs Spark on this machine. */
  static boolean localMaster() {
    return System.getProperty("spark.master", "").startsWith("local");
  }

  /**
   * The one-line report of a failure caused by the missing loopback address, if that is what
   * {@code failure} is: a socket that cannot be bound to, or routed to, 127.0.0.1 / localhost.
   */
  static Optional<String> explain(Throwable failure) {
    boolean socketFailure = false;
    String aboutLoopback = null;
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      String message = t.getMessage() == null ? "" : t.getMessage();
      if (t instanceof BindException || t instanceof NoRouteToHostException
          || (t instanceof SocketException && message.contains("assign requested address"))) {
        socketFailure = true;
      }
      if (aboutLoopback == null && (message.contains("127.0.0.1") || message.contains("localhost"))) {
        aboutLoopback = FailureMessage.firstLine(message);
      }
      if (t instanceof BindException && message.contains("assign requested address") && aboutLoopback == null) {
        aboutLoopback = FailureMessage.firstLine(message);
      }
    }
    return socketFailure && aboutLoopback != null ? Optional.of(NEEDED + aboutLoopback) : Optional.empty();
  }

  private static String describe(IOException e) {
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + e.getMessage();
  }
}

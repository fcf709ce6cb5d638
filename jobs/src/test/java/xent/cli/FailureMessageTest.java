package xent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.BindException;
import java.net.NoRouteToHostException;
import java.nio.file.NoSuchFileException;
import java.util.concurrent.ExecutionException;
import org.apache.spark.SparkException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** What one line a failure becomes. */
@Tag("fast")
class FailureMessageTest {

  @Test
  void looksThroughWrappersToTheFailureThatNamesTheInput() {
    IOException cause = new IOException("model m=/p: config.json has no key n_embd");
    assertEquals(cause.getMessage(), FailureMessage.of(new ExecutionException(cause)));
    assertEquals(cause.getMessage(), FailureMessage.of(new RuntimeException(cause)));
    SparkException aborted = new SparkException("Job aborted due to stage failure: Task 0 in stage 1.0 failed 1 times,"
        + " most recent failure: java.io.IOException: model m=/p: ...\n\tat xent.Foo.bar(Foo.java:1)", cause);
    assertEquals(cause.getMessage(), FailureMessage.of(aborted));
  }

  @Test
  void keepsTheOuterMessageWhenItAddsContext() {
    IOException outer = new IOException("model m=/p: bad header", new IllegalStateException("bad header"));
    assertEquals("model m=/p: bad header", FailureMessage.of(outer));
  }

  @Test
  void multiLineMessagesBecomeTheirFirstLine() {
    assertEquals("cannot plan", FailureMessage.of(new IllegalArgumentException("cannot plan\n  detail\n\tat x")));
  }

  @Test
  void unexpectedFailuresNameTheirType() {
    assertEquals("java.lang.NullPointerException", FailureMessage.of(new NullPointerException()));
    assertEquals("no such file: /x/y", FailureMessage.of(new NoSuchFileException("/x/y")));
  }

  @Test
  void noRouteToLoopbackBecomesOneLineSayingSparkNeedsIt() {
    // The chain Spark 4.1 throws from SparkContext's start when 'lo' is down (measured under unshare -n).
    Exception chain = new IOException("Failed to connect to localhost/127.0.0.1:42499",
        new NoRouteToHostException("null: localhost/127.0.0.1:42499"));
    assertEquals("Spark needs the loopback address 127.0.0.1: Failed to connect to localhost/127.0.0.1:42499",
        FailureMessage.of(new SparkException("Job aborted", chain)));
  }

  @Test
  void unbindableLoopbackBecomesOneLineSayingSparkNeedsIt() {
    Exception chain = new RuntimeException("cannot start the driver", new BindException(
        "Cannot assign requested address: Service 'sparkDriver' failed after 16 retries"));
    String line = FailureMessage.of(chain);
    assertTrue(line.startsWith(Loopback.NEEDED + "Cannot assign requested address"), line);
  }

  @Test
  void otherSocketFailuresAreNotBlamedOnLoopback() {
    Exception elsewhere = new IOException("Failed to connect to spark-master/10.0.0.5:7077",
        new NoRouteToHostException("No route to host"));
    assertEquals("Failed to connect to spark-master/10.0.0.5:7077", FailureMessage.of(elsewhere));
  }

  @Test
  void loopbackOfThisMachineIsUsable() {
    Loopback.require(); // throws InputError where 'lo' is down; the IT runs that case under unshare -n
  }
}

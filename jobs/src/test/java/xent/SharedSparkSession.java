package xent;

import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import xent.scoring.LocalSpark;

/**
 * One local SparkSession per test JVM, started on first use and stopped when the test plan ends
 * (a resource of the root extension context's store). Starting local[2] costs seconds; each
 * class starting and stopping its own cost that once per class.
 */
public final class SharedSparkSession implements ParameterResolver {

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(SharedSparkSession.class);

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == SparkSession.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return context.getRoot().getStore(NAMESPACE)
        .getOrComputeIfAbsent(Session.class, key -> new Session(), Session.class)
        .get();
  }

  /** The session, restarted if a test that still manages its own (LocalSpark.start, stop) stopped it. */
  private static final class Session implements ExtensionContext.Store.CloseableResource {

    private SparkSession spark;

    synchronized SparkSession get() {
      if (spark == null || spark.sparkContext().isStopped()) {
        spark = LocalSpark.start("xent tests");
      }
      return spark;
    }

    @Override
    public synchronized void close() {
      if (spark != null) {
        spark.stop();
      }
    }
  }
}

package xent;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Prints one console line per class and reason for the tests that did not run (disabled, or
 * aborted by an assumption), e.g. {@code SKIPPED xent.score.ScorerGoldenTest (3 tests): reference
 * data not found at /x/shared (../shared beside the project)}. Surefire counts skipped tests but
 * keeps their reasons in its XML reports; this puts them where a user looks. Registered for both
 * modules through META-INF/services/org.junit.platform.launcher.TestExecutionListener.
 */
public final class SkippedTestsReport implements TestExecutionListener {

  private static final String ASSUMPTION_PREFIX = "Assumption failed: ";

  private final PrintStream console;
  private final Map<String, Map<String, Integer>> byClass = new LinkedHashMap<>();
  private TestPlan plan;

  public SkippedTestsReport() {
    this(System.out);
  }

  SkippedTestsReport(PrintStream console) {
    this.console = console;
  }

  @Override
  public void testPlanExecutionStarted(TestPlan testPlan) {
    plan = testPlan;
  }

  @Override
  public void executionSkipped(TestIdentifier id, String reason) {
    long tests = plan == null ? 0 : plan.getDescendants(id).stream().filter(TestIdentifier::isTest).count();
    className(id).ifPresent(c -> {
      add(c, reason, (int) Math.max(1, tests));
      if (isClass(id)) {
        flush(c);
      }
    });
  }

  @Override
  public void executionFinished(TestIdentifier id, TestExecutionResult result) {
    Optional<String> c = className(id);
    if (c.isEmpty()) {
      return;
    }
    if (result.getStatus() == TestExecutionResult.Status.ABORTED && !isClass(id)) {
      String reason = result.getThrowable().map(Throwable::getMessage).orElse("aborted");
      add(c.get(), reason.startsWith(ASSUMPTION_PREFIX) ? reason.substring(ASSUMPTION_PREFIX.length()) : reason, 1);
    }
    if (isClass(id)) {
      flush(c.get());
    }
  }

  @Override
  public void testPlanExecutionFinished(TestPlan testPlan) {
    for (String c : Map.copyOf(byClass).keySet()) {
      flush(c);
    }
  }

  private void add(String className, String reason, int tests) {
    byClass.computeIfAbsent(className, k -> new LinkedHashMap<>()).merge(String.valueOf(reason), tests, Integer::sum);
  }

  private void flush(String className) {
    Map<String, Integer> reasons = byClass.remove(className);
    if (reasons == null) {
      return;
    }
    reasons.forEach((reason, n) ->
        console.println("SKIPPED " + className + " (" + n + (n == 1 ? " test" : " tests") + "): " + reason));
    console.flush();
  }

  private static boolean isClass(TestIdentifier id) {
    return id.getSource().filter(ClassSource.class::isInstance).isPresent();
  }

  private static Optional<String> className(TestIdentifier id) {
    Optional<TestSource> source = id.getSource();
    if (source.isPresent() && source.get() instanceof MethodSource m) {
      return Optional.of(m.getClassName());
    }
    if (source.isPresent() && source.get() instanceof ClassSource c) {
      return Optional.of(c.getClassName());
    }
    return Optional.empty();
  }
}

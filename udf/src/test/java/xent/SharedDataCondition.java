package xent;

import java.lang.reflect.Method;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;

/**
 * Disables each test of a {@link RequiresSharedData} class or method when ../shared is absent.
 *
 * <p>It disables tests, not the class: a disabled class is one skipped entry in Surefire's count,
 * and its tests are never listed. The class stays enabled, so its class-level set-up, which reads
 * ../shared, is skipped here instead.
 */
public final class SharedDataCondition implements ExecutionCondition, InvocationInterceptor {

  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    if (context.getTestMethod().isEmpty()) {
      return ConditionEvaluationResult.enabled("decided per test");
    }
    return SharedData.find().isPresent()
        ? ConditionEvaluationResult.enabled("reference data at " + SharedData.location())
        : ConditionEvaluationResult.disabled(SharedData.absentReason());
  }

  @Override
  public void interceptBeforeAllMethod(Invocation<Void> invocation,
      ReflectiveInvocationContext<Method> invocationContext, ExtensionContext extensionContext)
      throws Throwable {
    proceedIfPresent(invocation);
  }

  @Override
  public void interceptAfterAllMethod(Invocation<Void> invocation,
      ReflectiveInvocationContext<Method> invocationContext, ExtensionContext extensionContext)
      throws Throwable {
    proceedIfPresent(invocation);
  }

  private static void proceedIfPresent(Invocation<Void> invocation) throws Throwable {
    if (SharedData.find().isPresent()) {
      invocation.proceed();
    } else {
      invocation.skip();
    }
  }
}

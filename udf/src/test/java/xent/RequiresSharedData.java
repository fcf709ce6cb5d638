package xent;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The class or method needs ../shared (the independent references). Without it each test is
 * reported as skipped with the reason, and the class's {@code @BeforeAll}/{@code @AfterAll} do not
 * run. Tagged {@code shared}.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Tag("shared")
@ExtendWith(SharedDataCondition.class)
public @interface RequiresSharedData {}

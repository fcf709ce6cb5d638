package xent;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The class runs Spark: tagged {@code spark}, and a {@link org.apache.spark.sql.SparkSession}
 * parameter of its methods ({@code @BeforeAll} included) receives the one session of the test
 * JVM ({@link SharedSparkSession}). Such classes must not stop it.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag("spark")
@ExtendWith(SharedSparkSession.class)
public @interface SparkTest {}

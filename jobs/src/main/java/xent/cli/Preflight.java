package xent.cli;

import java.io.IOException;

/**
 * A command that can check the inputs it names before it does any work: before Spark starts,
 * before anything is written. bin/xent runs these checks in a plain JVM ({@code -Dxent.check=true})
 * before it starts a Spark driver, so that a typo costs a second and prints one line; the command
 * runs them again itself for spark-submit users.
 */
public interface Preflight {

  /** Throws {@link InputError} (or a picocli ParameterException for a usage error) naming the input. */
  void checkInputs() throws IOException;
}

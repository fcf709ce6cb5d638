package xent.demo;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * One step of the demo: xent command lines run in order, and the folders they write.
 *
 * @param name short name, as {@code --skip} and the completion marker know it
 * @param description what the step does, in a few words
 * @param needs the earlier steps whose outputs this one reads: when one of them runs, so does this one
 * @param outputs folders the step writes; emptied before a fresh run, kept when resuming
 * @param commandLines the step's xent command lines, worked out when the step is reached (they
 *     may depend on what earlier steps wrote, e.g. the models a grid trained)
 */
public record DemoStep(String name, String description, List<String> needs, List<Path> outputs,
    CommandLines commandLines) {

  /** The command lines of a step, each without the leading {@code xent}. */
  @FunctionalInterface
  public interface CommandLines {
    List<List<String>> get() throws IOException;
  }

  public DemoStep {
    if (!name.matches("[a-z][a-z0-9-]*")) {
      throw new IllegalArgumentException("step name '" + name + "' must be lower-case letters, digits and dashes");
    }
    needs = List.copyOf(needs);
    outputs = List.copyOf(outputs);
  }
}

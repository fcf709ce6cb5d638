package xent.demo;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The completion marker of a step, DIR/_demo/STEP.json: written only after every command of the
 * step succeeded, so its presence means the step's outputs are whole.
 *
 * @param step the step's name
 * @param commandLines what the step ran; a later run with other command lines runs the step again
 * @param seconds wall time of the step
 * @param finished ISO-8601 instant the step finished
 */
public record StepMarker(String step, List<List<String>> commandLines, double seconds, String finished) {

  private static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();

  public StepMarker {
    commandLines = commandLines.stream().map(List::copyOf).toList();
  }

  /** DIR/_demo/STEP.json. */
  public static Path file(Path demoDir, String step) {
    return demoDir.resolve("_demo").resolve(step + ".json");
  }

  /** The marker of {@code step} under {@code demoDir}, or null when there is none or it is unreadable. */
  public static StepMarker read(Path demoDir, String step) throws IOException {
    Path file = file(demoDir, step);
    if (!Files.isRegularFile(file)) {
      return null;
    }
    try {
      StepMarker marker = GSON.fromJson(Files.readString(file, StandardCharsets.UTF_8), StepMarker.class);
      return marker == null || marker.commandLines() == null ? null : marker;
    } catch (JsonParseException | NullPointerException e) {
      return null; // a marker cut short by a crash: the step did not finish
    }
  }

  public void write(Path demoDir) throws IOException {
    Path file = file(demoDir, step);
    Files.createDirectories(file.getParent());
    Path partial = file.resolveSibling(step + ".json.tmp");
    Files.writeString(partial, GSON.toJson(this) + "\n", StandardCharsets.UTF_8);
    Files.move(partial, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }

  /** Removes the marker: the step's outputs are about to change. */
  public static void delete(Path demoDir, String step) throws IOException {
    Files.deleteIfExists(file(demoDir, step));
  }
}

package xent.model;

import java.nio.file.Path;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A model as users name it: {@code NAME=PATH}, PATH being a Hugging Face checkpoint folder or a
 * llama2.c folder.
 *
 * @param name the name results are reported under
 * @param path the checkpoint folder (or llama2.c .bin file)
 */
public record ModelSpec(String name, Path path) {

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._+-]*");

  public ModelSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(path, "path");
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "model name '" + name + "' must start with a letter or digit and use only letters,"
              + " digits, '.', '_', '+' and '-'");
    }
  }

  /** Parses {@code NAME=PATH}; a bare PATH is named after its last path element. */
  public static ModelSpec parse(String spec) {
    int eq = spec.indexOf('=');
    if (eq < 0) {
      Path path = Path.of(spec);
      Path file = path.getFileName();
      if (file == null) {
        throw new IllegalArgumentException("model spec '" + spec + "' has no name: use NAME=PATH");
      }
      return new ModelSpec(file.toString(), path);
    }
    if (eq == 0 || eq == spec.length() - 1) {
      throw new IllegalArgumentException("model spec '" + spec + "' must be NAME=PATH");
    }
    return new ModelSpec(spec.substring(0, eq), Path.of(spec.substring(eq + 1)));
  }

  @Override
  public String toString() {
    return name + "=" + path;
  }
}

package xent.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;
import xent.model.ModelSpec;

/**
 * {@code --model NAME=PATH} as a usage error when malformed. A bare PATH is still read as a model
 * named after its folder, but only when that folder exists: {@code --model gpt2} is far more often
 * a forgotten {@code =PATH} than a folder called gpt2 in the working directory.
 */
final class ModelSpecConverter implements ITypeConverter<ModelSpec> {

  @Override
  public ModelSpec convert(String spec) {
    try {
      if (spec.indexOf('=') < 0 && !Files.exists(Path.of(spec))) {
        throw new TypeConversionException("model spec '" + spec + "' must be NAME=PATH");
      }
      return ModelSpec.parse(spec);
    } catch (IllegalArgumentException e) {
      throw new TypeConversionException(e.getMessage());
    }
  }
}

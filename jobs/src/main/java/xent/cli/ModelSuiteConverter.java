package xent.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;
import xent.inventory.ModelSuite;
import xent.model.ModelSpec;

/**
 * {@code --model [NAME=]PATH_OR_GLOB}: a glob is a suite of checkpoint folders (expanded when the
 * command checks its inputs, so a glob matching nothing is an input error); anything else is one
 * model, checked as {@link ModelSpecConverter} checks it.
 */
final class ModelSuiteConverter implements ITypeConverter<ModelSuite> {

  @Override
  public ModelSuite convert(String spec) {
    try {
      ModelSuite suite = ModelSuite.parse(spec);
      if (suite.isGlob()) {
        return suite;
      }
      if (suite.name() == null && !Files.exists(Path.of(spec))) {
        throw new TypeConversionException("model spec '" + spec + "' must be NAME=PATH");
      }
      ModelSpec single = ModelSpec.parse(spec);
      return new ModelSuite(single.name(), single.path().toString());
    } catch (IllegalArgumentException e) {
      throw new TypeConversionException(e.getMessage());
    }
  }

  /** The models of the suites, in order; a glob matching nothing is an input error. */
  static java.util.List<ModelSpec> expand(java.util.List<ModelSuite> suites) {
    try {
      return ModelSuite.models(suites);
    } catch (java.io.IOException e) {
      throw new InputError(e.getMessage(), e);
    }
  }
}

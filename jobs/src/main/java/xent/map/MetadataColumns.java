package xent.map;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import xent.train.TrainingMetadata;

/**
 * The map's metadata columns for a model, from DIR/NAME/training.json (written by xent train):
 * family, parameters, tokens, step, domain (the domain with at least half the mixture weight, else
 * "mixture") and the weights as text. Models without the file get empty columns.
 */
public final class MetadataColumns {

  /** The metadata columns, in order. */
  public static final List<String> COLUMNS = List.of("family", "parameters", "tokens", "step", "domain", "weights");

  private MetadataColumns() {}

  /** Column name to value (String or Long, null when unknown) for {@code model}; all null without a folder. */
  public static Map<String, Object> of(Path modelDirs, String model) throws IOException {
    Map<String, Object> out = new LinkedHashMap<>();
    COLUMNS.forEach(c -> out.put(c, null));
    if (modelDirs == null) {
      return out;
    }
    Path file = modelDirs.resolve(model).resolve("training.json");
    if (!Files.isRegularFile(file)) {
      return out;
    }
    TrainingMetadata training = TrainingMetadata.read(file);
    out.put("family", training.family());
    out.put("parameters", training.parameters());
    out.put("tokens", training.tokens());
    out.put("step", (long) training.step());
    out.put("domain", training.dominantDomain());
    if (!training.mixture().isEmpty()) {
      StringBuilder text = new StringBuilder();
      training.mixture().forEach((k, v) -> text.append(text.length() == 0 ? "" : ",").append(k).append('=')
          .append(String.format(java.util.Locale.ROOT, "%.3f", v)));
      out.put("weights", text.toString());
    }
    return out;
  }
}

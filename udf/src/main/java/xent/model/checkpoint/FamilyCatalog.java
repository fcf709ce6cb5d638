package xent.model.checkpoint;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Every Hugging Face model_type xent reads, as the config reader itself declares it: the keys it
 * reads (with transformers' defaults) from {@link ConfigKeys}, the rope types and their keys
 * from {@link HfConfig}, and the names HF gives the family ({@link FamilyNames}).
 */
public final class FamilyCatalog {

  /**
   * One model_type.
   *
   * @param modelType config.json's model_type
   * @param architectures the class names its {@code architectures} lists
   * @param examples published checkpoints of the type
   * @param keys config keys read, each with its default ("required" where xent needs it)
   * @param ropeTypes rope types read, each with the keys it takes (empty: no rope keys read)
   */
  public record Family(String modelType, List<String> architectures, List<String> examples,
      Map<String, String> keys, Map<String, List<String>> ropeTypes) {

    public Family {
      Objects.requireNonNull(modelType, "modelType");
      architectures = List.copyOf(architectures);
      examples = List.copyOf(examples);
      keys = Collections.unmodifiableMap(new LinkedHashMap<>(keys));
      ropeTypes = Collections.unmodifiableMap(new TreeMap<>(ropeTypes));
    }
  }

  private FamilyCatalog() {}

  /** The families in the order the reader lists them. */
  public static List<Family> families() {
    List<Family> out = new ArrayList<>();
    for (String type : HfConfig.MODEL_TYPES) {
      Map<String, String> keys = ConfigKeys.of(type);
      FamilyNames.Names names = FamilyNames.OF.getOrDefault(type,
          new FamilyNames.Names(List.of(), List.of()));
      boolean rope = keys.containsKey("rope_parameters") || keys.containsKey("rope_scaling");
      out.add(new Family(type, names.architectures(), names.examples(), keys,
          rope ? ropeTypes() : Map.of()));
    }
    return out;
  }

  /** Rope types with the keys each reads beside rope_type / type, rope_theta. */
  private static Map<String, List<String>> ropeTypes() {
    Map<String, List<String>> out = new TreeMap<>();
    for (Map.Entry<String, Set<String>> e : HfConfig.ropeTypes().entrySet()) {
      out.put(e.getKey(), e.getValue().stream().sorted().toList());
    }
    return out;
  }
}

package xent.model.checkpoint;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import xent.model.ModelConfig;
import xent.model.ModelFamily;
import xent.model.TensorSpec;

/**
 * The tensors a configuration implies, as its family declares them ({@link
 * xent.model.ModelFamily#tensorsOf}), and the check that a checkpoint holds exactly those, with
 * the right shapes and finite values.
 */
public final class TensorLayout {

  private final ModelConfig config;
  private final Map<String, TensorSpec> entries;

  private TensorLayout(ModelConfig config, List<TensorSpec> entries) {
    this.config = config;
    this.entries = new LinkedHashMap<>();
    entries.forEach(e -> this.entries.put(e.name(), e));
  }

  /** The layout {@code config} implies. */
  public static TensorLayout of(ModelConfig config) {
    return new TensorLayout(config, ModelFamily.tensorsOf(config));
  }

  /** The expected tensors in checkpoint order: embeddings, layers, final norm, head. */
  public List<TensorSpec> entries() {
    return List.copyOf(entries.values());
  }

  /**
   * Checks that {@code checkpoint} holds every expected tensor with its expected shape, nothing
   * else, and no NaN or infinity.
   *
   * @param origin what was read, for messages, e.g. "model folder /m/x"
   * @param configSource where the configuration came from, e.g. "config.json"
   */
  public void check(Checkpoint checkpoint, String origin, String configSource)
      throws MalformedCheckpointException {
    Map<String, Tensor> tensors = checkpoint.tensors();
    for (TensorSpec e : entries.values()) {
      Tensor t = tensors.get(e.name());
      if (t == null) {
        throw new MalformedCheckpointException(origin + ": tensor " + e.name() + " is missing ("
            + "expected " + Arrays.toString(e.shape()) + " " + e.rule() + " from " + configSource + ")");
      }
      if (!Arrays.equals(t.shape(), e.shape())) {
        throw new MalformedCheckpointException(origin + ": tensor " + e.name() + " has shape "
            + Arrays.toString(t.shape()) + ", expected " + Arrays.toString(e.shape()) + " "
            + e.rule() + " from " + configSource);
      }
    }
    TreeSet<String> unexpected = new TreeSet<>(tensors.keySet());
    unexpected.removeAll(entries.keySet());
    if (!unexpected.isEmpty()) {
      List<String> shown = unexpected.stream().limit(5).toList();
      String more = unexpected.size() > shown.size()
          ? " and " + (unexpected.size() - shown.size()) + " more" : "";
      throw new MalformedCheckpointException(origin + ": unexpected tensors " + shown + more
          + " for the " + config.family() + " layout of " + configSource + " (a different"
          + " architecture, or a config key such as attention_bias or tie_word_embeddings that"
          + " disagrees with the weights)");
    }
    for (TensorSpec e : entries.values()) {
      long bad = tensors.get(e.name()).firstNonFinite();
      if (bad >= 0) {
        throw new MalformedCheckpointException(origin + ": tensor " + e.name()
            + " holds a NaN or infinite value at flat index " + bad);
      }
    }
  }
}

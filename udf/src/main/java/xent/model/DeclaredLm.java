package xent.model;

import ai.djl.ndarray.NDArray;
import java.util.Map;

/**
 * The part every family shares: its config and the {@link Weights} its declarations loaded, which
 * give the parameters and checkpoint arrays and own the native memory.
 */
public abstract class DeclaredLm implements CausalLm {

  protected final ModelConfig config;
  protected final Weights weights;

  protected DeclaredLm(ModelConfig config, Weights weights) {
    this.config = config;
    this.weights = weights;
  }

  @Override
  public final ModelConfig config() {
    return config;
  }

  @Override
  public final Map<String, NDArray> parameters() {
    return weights.parameters();
  }

  @Override
  public final Map<String, NDArray> checkpointArrays() {
    return weights.checkpointArrays();
  }

  @Override
  public final void close() {
    weights.manager().close();
  }
}

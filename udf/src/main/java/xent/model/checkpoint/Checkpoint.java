package xent.model.checkpoint;

import java.nio.file.Path;
import java.util.Map;
import xent.model.ModelConfig;

/**
 * A checkpoint read from disk: its configuration and its tensors, named as in Hugging Face
 * checkpoints of the family (Llama: {@code model.layers.0.self_attn.q_proj.weight}; GPT-2 without
 * the {@code transformer.} prefix: {@code h.0.attn.c_attn.weight}).
 *
 * @param source the file or folder it was read from, for error messages
 * @param config the model's hyperparameters
 * @param tensors tensors by name; their buffers may be memory-mapped
 */
public record Checkpoint(Path source, ModelConfig config, Map<String, Tensor> tensors) {

  public Checkpoint {
    tensors = Map.copyOf(tensors);
  }

  /** The tensor called {@code name}, checked against the expected shape. */
  public Tensor tensor(String name, long... expectedShape) {
    Tensor t = tensors.get(name);
    if (t == null) {
      throw new IllegalArgumentException(source + ": tensor " + name + " is missing");
    }
    if (!java.util.Arrays.equals(t.shape(), expectedShape)) {
      throw new IllegalArgumentException(
          source + ": tensor " + name + " has shape " + java.util.Arrays.toString(t.shape())
              + ", expected " + java.util.Arrays.toString(expectedShape) + " from config");
    }
    return t;
  }

  /** Whether a tensor of that name exists. */
  public boolean has(String name) {
    return tensors.containsKey(name);
  }
}

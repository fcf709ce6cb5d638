package xent.model.checkpoint;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Opens a checkpoint in whichever format xent reads, refusing pickles. */
public final class Checkpoints {

  private static final List<CheckpointReader> READERS =
      List.of(new HfCheckpointReader(), new Llama2cCheckpointReader());

  private Checkpoints() {}

  /**
   * Reads the checkpoint at {@code path}: a Hugging Face folder (config.json with model.safetensors
   * or model.safetensors.index.json and shards), a llama2.c folder (model.bin) or a llama2.c
   * {@code .bin} file. Pickled PyTorch weights are refused naming the file.
   */
  public static Checkpoint open(Path path) throws IOException {
    if (!Files.exists(path)) {
      throw new MalformedCheckpointException("model folder " + path + " does not exist");
    }
    for (CheckpointReader reader : READERS) {
      if (reader.accepts(path)) {
        return reader.read(path);
      }
    }
    Optional<Path> pickle = PickledCheckpoint.find(path);
    if (pickle.isPresent()) {
      throw PickledCheckpoint.refusal(pickle.get());
    }
    throw new MalformedCheckpointException(path + " holds no checkpoint xent reads; looked for a"
        + " Hugging Face folder (config.json with model.safetensors or"
        + " model.safetensors.index.json) and llama2.c weights (a folder with model.bin, or a"
        + " .bin file)");
  }
}

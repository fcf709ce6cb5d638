package xent.model.checkpoint;

import java.io.IOException;
import java.nio.file.Path;

/** Reads one checkpoint format. */
public interface CheckpointReader {

  /** Whether {@code path} (a model folder or file) is in this reader's format. */
  boolean accepts(Path path);

  /** Reads the configuration and maps the tensors; errors name the file and the rule broken. */
  Checkpoint read(Path path) throws IOException;
}

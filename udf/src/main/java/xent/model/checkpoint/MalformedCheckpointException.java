package xent.model.checkpoint;

import java.io.IOException;

/**
 * A checkpoint that cannot be read: missing files, a corrupt or lying header, tensors that
 * disagree with the configuration, non-finite weights, or a format xent refuses (pickles). The
 * message names the file or folder, the tensor when there is one, and the rule broken.
 */
public class MalformedCheckpointException extends IOException {

  public MalformedCheckpointException(String message) {
    super(message);
  }

  public MalformedCheckpointException(String message, Throwable cause) {
    super(message, cause);
  }
}

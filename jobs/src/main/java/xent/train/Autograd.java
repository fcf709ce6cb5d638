package xent.train;

import ai.djl.ndarray.NDArray;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;

/**
 * Records the operations of one forward pass on the calling thread so that {@link #backward}
 * can fill the gradients of every array marked with {@code setRequiresGradient(true)}.
 *
 * <p>The only PyTorch-specific class of training. DJL's own {@code GradientCollector} would do,
 * but its PyTorch implementation allows one collector per JVM, and a Spark executor trains
 * several configurations at once; PyTorch's grad mode is per thread, so a recorder per thread
 * is safe.
 *
 * <pre>
 * try (Autograd tape = Autograd.record()) {
 *   NDArray loss = ...;
 *   tape.backward(loss);
 * }
 * </pre>
 */
public final class Autograd implements AutoCloseable {

  private final boolean wasRecording;

  private Autograd(boolean recording) {
    wasRecording = JniUtils.isGradMode();
    JniUtils.setGradMode(recording);
  }

  /** Starts recording on this thread; close to stop (and restore the previous mode). */
  public static Autograd record() {
    return new Autograd(true);
  }

  /** Stops recording on this thread until closed: evaluation builds no graph. */
  public static Autograd pause() {
    return new Autograd(false);
  }

  /** Adds d(scalar)/d(leaf) to the gradient of every leaf that requires one, then frees the graph. */
  public void backward(NDArray scalar) {
    PtNDArray loss = (PtNDArray) scalar;
    try (PtNDArray one = (PtNDArray) loss.onesLike()) {
      JniUtils.backward(loss, one, false, false);
    }
  }

  @Override
  public void close() {
    JniUtils.setGradMode(wasRecording);
  }
}

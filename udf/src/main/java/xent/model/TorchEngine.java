package xent.model;

import ai.djl.engine.Engine;

/**
 * Starts DJL's PyTorch engine with the thread counts xent wants. PyTorch reads them once, at
 * engine start, so this must run before anything else touches the engine.
 */
public final class TorchEngine {

  /** DJL's name for the PyTorch engine. */
  public static final String NAME = "PyTorch";

  private TorchEngine() {}

  /**
   * Sets intra-op threads (unless already set) and starts the engine.
   *
   * @param threads PyTorch intra-op threads: the cores a task owns; 0 keeps PyTorch's default
   */
  public static Engine start(int threads) {
    if (System.getenv("OPT_OUT_TRACKING") == null) {
      // DJL otherwise contacts a metadata address at engine start; nothing may leave the machine.
      System.setProperty("OPT_OUT_TRACKING", "true");
    }
    System.setProperty("ai.djl.offline", "true");
    if (threads > 0 && System.getProperty("ai.djl.pytorch.num_threads") == null) {
      System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(threads));
      System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
    }
    return Engine.getEngine(NAME);
  }
}

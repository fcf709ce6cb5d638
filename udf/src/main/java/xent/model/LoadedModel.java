package xent.model;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import xent.model.checkpoint.Checkpoint;
import xent.model.checkpoint.Checkpoints;
import xent.tokenize.Tokenizer;
import xent.tokenize.TokenizerFiles;

/**
 * A model ready to score: its weights on the engine and its tokenizer. Safe to share between
 * threads; each thread scores through its own {@link xent.score.Scorer}.
 */
public final class LoadedModel implements AutoCloseable {

  private final ModelSpec spec;
  private final CausalLm lm;
  private final Tokenizer tokenizer;

  private LoadedModel(ModelSpec spec, CausalLm lm, Tokenizer tokenizer) {
    this.spec = spec;
    this.lm = lm;
    this.tokenizer = tokenizer;
  }

  /** Reads {@code spec}'s checkpoint and tokenizer and puts the model on the CPU in float32. */
  public static LoadedModel load(ModelSpec spec) throws IOException {
    return load(spec, Device.cpu(), DataType.FLOAT32);
  }

  /** Reads {@code spec}'s checkpoint and tokenizer; errors name the model and the file. */
  public static LoadedModel load(ModelSpec spec, Device device, DataType dtype) throws IOException {
    Checkpoint checkpoint;
    try {
      checkpoint = Checkpoints.open(spec.path());
    } catch (IOException | RuntimeException e) {
      throw new IOException("model " + spec + ": " + e.getMessage(), e);
    }
    Path folder = Files.isDirectory(spec.path()) ? spec.path() : spec.path().getParent();
    Tokenizer tokenizer = TokenizerFiles.open(folder, checkpoint.config().vocabSize());
    try {
      return of(spec, checkpoint, tokenizer, device, dtype);
    } catch (RuntimeException e) {
      tokenizer.close();
      throw e;
    }
  }

  /**
   * Puts a checkpoint's weights on {@code device} in {@code dtype}.
   *
   * @param dtype float32 on CPU; float16 or bfloat16 only on a GPU
   */
  public static LoadedModel of(
      ModelSpec spec, Checkpoint checkpoint, Tokenizer tokenizer, Device device, DataType dtype) {
    ModelConfig config = checkpoint.config();
    if (!device.isGpu() && dtype != DataType.FLOAT32) {
      throw new IllegalArgumentException(
          "model " + spec + ": " + dtype + " is for GPUs; on CPU xent computes in float32");
    }
    NDManager manager = Engine.getEngine(TorchEngine.NAME).newBaseManager(device);
    try {
      Weights weights = new Weights(checkpoint, manager, dtype);
      CausalLm lm = ModelFamily.of(config.family()).build().apply(config, weights);
      return new LoadedModel(spec, lm, tokenizer);
    } catch (RuntimeException e) {
      manager.close();
      throw e;
    }
  }

  public ModelSpec spec() {
    return spec;
  }

  public String name() {
    return spec.name();
  }

  public CausalLm lm() {
    return lm;
  }

  public ModelConfig config() {
    return lm.config();
  }

  public Tokenizer tokenizer() {
    return tokenizer;
  }

  @Override
  public void close() {
    lm.close();
    tokenizer.close();
  }
}

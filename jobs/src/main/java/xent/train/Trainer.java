package xent.train;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import xent.model.InitialWeights;
import xent.model.LoadedModel;
import xent.model.ModelConfig;
import xent.model.ModelSpec;
import xent.tokenize.Tokenizer;

/**
 * Trains one model from scratch on the scoring forward pass: each step draws a batch of windows,
 * records the forward pass and the loss, back-propagates, clips the global gradient norm and
 * takes an AdamW step at the schedule's learning rate. Every step runs in its own sub-manager,
 * so native memory stays flat over any number of steps.
 *
 * <p>The model is a {@link LoadedModel} built from initial weights in memory, so it scores
 * through {@link xent.score.Scorer} at any step exactly like a checkpoint read from disk.
 */
public final class Trainer implements AutoCloseable {

  private final TrainingOptions options;
  private final LoadedModel model;
  private final WindowSampler sampler;
  private final LearningRateSchedule schedule;
  private final Map<String, NDArray> parameters;
  private final NDManager engine;
  private final AdamW optimizer;
  private final float[] losses;
  private int step;

  /**
   * @param tokenizer owned by the trainer from now on (closed with it)
   * @param streams training tokens by domain
   * @param weights mixture weights by domain, or null for natural weights
   */
  public Trainer(TrainingOptions options, Tokenizer tokenizer, Map<String, int[]> streams,
      Map<String, Double> weights) {
    this.options = options;
    this.schedule = options.learningRates();
    ModelConfig config =
        options.modelConfig(tokenizer.vocabSize(), tokenizer.bosId(), tokenizer.eosId());
    this.sampler = new WindowSampler(streams, weights, options.context(), options.seed());
    this.model = LoadedModel.of(new ModelSpec("training", Path.of("training")),
        InitialWeights.draw(config, options.seed()), tokenizer, Device.cpu(), DataType.FLOAT32);
    this.parameters = model.lm().parameters();
    parameters.values().forEach(p -> p.setRequiresGradient(true));
    this.engine = model.lm().head().getManager();
    this.optimizer = new AdamW(AdamW.Settings.withWeightDecay(options.weightDecay()), engine);
    this.losses = new float[options.steps()];
  }

  /** Runs the next optimizer step and returns its training loss (nats per token). */
  public float step() {
    if (step >= options.steps()) {
      throw new IllegalStateException("all " + options.steps() + " steps are done");
    }
    int b = options.batch();
    int t = options.context();
    long[] windows = sampler.next(b); // [B, T + 1]
    long[] inputs = new long[b * t];
    long[] targets = new long[b * t];
    for (int r = 0; r < b; r++) {
      System.arraycopy(windows, r * (t + 1), inputs, r * t, t);
      System.arraycopy(windows, r * (t + 1) + 1, targets, r * t, t);
    }
    float loss;
    try (NDManager scope = engine.newSubManager()) {
      NDArray lossArray;
      try (Autograd tape = Autograd.record()) {
        lossArray = LanguageModelLoss.mean(model.lm(),
            scope.create(inputs, new Shape(b, t)), scope.create(targets, new Shape(b, t)));
        tape.backward(lossArray);
      }
      loss = lossArray.getFloat();
      // PyTorch records by default on threads it did not start (Spark's task threads), and an
      // in-place update of a recorded leaf is an error: update with recording off.
      try (Autograd paused = Autograd.pause()) {
        update(scope);
      }
    }
    if (!Float.isFinite(loss)) {
      throw new IllegalStateException("training loss is " + loss + " at step " + step
          + " (learning rate " + schedule.at(step) + "): lower --lr or raise --warmup");
    }
    losses[step++] = loss;
    return loss;
  }

  /** Clips the gradients and takes the AdamW step of the current step's learning rate. */
  private void update(NDManager scope) {
    Map<String, NDArray> gradients = new LinkedHashMap<>();
    parameters.forEach((name, p) -> {
      NDArray g = p.getGradient(); // a new handle on p's manager: freed with this step
      g.attach(scope);
      gradients.put(name, g);
    });
    GradientClipping.clip(gradients.values(), options.clip());
    optimizer.step(parameters, gradients, schedule.at(step));
    gradients.values().forEach(g -> g.muli(0)); // the .grad tensors: the next backward adds here
  }

  /** Mean validation loss per domain, without recording gradients. */
  public Map<String, Double> validationLoss(ValidationSet validation) {
    try (Autograd paused = Autograd.pause()) {
      return validation.loss(model.lm(), engine, options.batch());
    }
  }

  /** Steps done. */
  public int stepsDone() {
    return step;
  }

  /** Training loss of every step done, in order. */
  public float[] losses() {
    return Arrays.copyOf(losses, step);
  }

  /** The mixture weights the sampler uses, by domain. */
  public Map<String, Double> mixture() {
    return sampler.mixture();
  }

  public TrainingOptions options() {
    return options;
  }

  /** The model being trained, ready to score (its tokenizer included). */
  public LoadedModel model() {
    return model;
  }

  @Override
  public void close() {
    optimizer.close();
    model.close();
  }
}

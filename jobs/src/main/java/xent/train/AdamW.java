package xent.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.HashMap;
import java.util.Map;

/**
 * Adam with decoupled weight decay (Loshchilov and Hutter 2019), as {@code torch.optim.AdamW}:
 *
 * <pre>
 * p -= lr * weightDecay * p                (matrices and embeddings only, not gains or biases)
 * m  = beta1 m + (1 - beta1) g
 * v  = beta2 v + (1 - beta2) g^2
 * p -= lr * (m / (1 - beta1^t)) / (sqrt(v / (1 - beta2^t)) + eps)
 * </pre>
 *
 * <p>Written on NDArrays rather than through DJL's {@code Optimizer}, which works on its own
 * {@code Parameter} objects. The moments live on the engine in a manager of their own.
 */
public final class AdamW implements AutoCloseable {

  /**
   * @param beta1 decay of the first moment
   * @param beta2 decay of the second moment
   * @param eps added to the root of the second moment
   * @param weightDecay decoupled decay, multiplied by the learning rate
   */
  public record Settings(double beta1, double beta2, double eps, double weightDecay) {

    /** beta1 0.9, beta2 0.95, eps 1e-8 (GPT-3, nanoGPT), with the given decay. */
    public static Settings withWeightDecay(double weightDecay) {
      return new Settings(0.9, 0.95, 1e-8, weightDecay);
    }

    public Settings {
      if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1)) {
        throw new IllegalArgumentException("betas must be in [0, 1), found " + beta1 + ", " + beta2);
      }
      if (!(eps > 0) || !(weightDecay >= 0)) {
        throw new IllegalArgumentException(
            "need eps > 0 and weight decay >= 0, found " + eps + ", " + weightDecay);
      }
    }
  }

  private final Settings settings;
  private final NDManager state;
  private final Map<String, NDArray> firstMoment = new HashMap<>();
  private final Map<String, NDArray> secondMoment = new HashMap<>();
  private int t;

  /** @param engine any manager on the device of the parameters; the moments go in a child */
  public AdamW(Settings settings, NDManager engine) {
    this.settings = settings;
    this.state = engine.newSubManager();
  }

  /** Steps taken so far. */
  public int steps() {
    return t;
  }

  /**
   * Updates every parameter in place, outside any gradient recording.
   *
   * @param parameters by name
   * @param gradients by the same names
   * @param lr this step's learning rate
   */
  public void step(Map<String, NDArray> parameters, Map<String, NDArray> gradients, double lr) {
    t++;
    double b1 = settings.beta1();
    double b2 = settings.beta2();
    double correction1 = 1 - Math.pow(b1, t);
    double rootCorrection2 = Math.sqrt(1 - Math.pow(b2, t));
    for (Map.Entry<String, NDArray> e : parameters.entrySet()) {
      String name = e.getKey();
      NDArray p = e.getValue();
      NDArray g = gradients.get(name);
      if (g == null) {
        throw new IllegalArgumentException("no gradient for parameter " + name);
      }
      NDArray m = firstMoment.computeIfAbsent(name, n -> state.zeros(p.getShape(), p.getDataType()));
      NDArray v = secondMoment.computeIfAbsent(name, n -> state.zeros(p.getShape(), p.getDataType()));
      try (NDArray scaled = g.mul(1 - b1)) {
        m.muli(b1).addi(scaled);
      }
      try (NDArray squared = g.square().muli(1 - b2)) {
        v.muli(b2).addi(squared);
      }
      if (settings.weightDecay() > 0 && p.getShape().dimension() >= 2) {
        p.muli(1 - lr * settings.weightDecay());
      }
      // lr * m_hat / (sqrt(v_hat) + eps), with both bias corrections folded into scalars
      try (NDArray denominator = v.sqrt().divi(rootCorrection2).addi(settings.eps());
          NDArray update = m.div(denominator).muli(lr / correction1)) {
        p.subi(update);
      }
    }
  }

  @Override
  public void close() {
    state.close();
  }
}

package xent.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import xent.model.CausalLm;
import xent.model.TorchEngine;
import xent.model.Weights;
import xent.model.checkpoint.Checkpoint;
import xent.model.gpt2.Gpt2Model;
import xent.model.llama.LlamaModel;
import xent.reference.RandomCheckpoints;

/**
 * Gradients from the engine's autograd through the scoring forward passes, which free each
 * block's intermediates as the block returns ({@link xent.model.BlockScope}), against central
 * finite differences of the loss, all in float64.
 */
@Tag("fast")
class GradientCheckTest {

  private static final double H = 1e-6;

  @Test
  void llamaGradientsWithGroupedQueryHeadsMatchFiniteDifferences() {
    Checkpoint c = RandomCheckpoints.llama().optVocabSize(11).optDim(8).optLayers(2)
        .optHeads(2, 1).optMaxPositions(8).optStd(0.3).build(5);
    check(c, false);
  }

  @Test
  void gpt2GradientsIncludingTransposedConv1dWeightsMatchFiniteDifferences() {
    Checkpoint c = RandomCheckpoints.gpt2().optVocabSize(11).optDim(8).optLayers(2)
        .optHeads(2, 2).optMaxPositions(8).optStd(0.3).build(6);
    check(c, true);
  }

  private static void check(Checkpoint checkpoint, boolean gpt2) {
    TorchEngine.start(1);
    try (NDManager manager = Engine.getEngine(TorchEngine.NAME).newBaseManager()) {
      Weights weights = new Weights(checkpoint, manager, DataType.FLOAT64);
      CausalLm lm = gpt2 ? new Gpt2Model(checkpoint.config(), weights)
          : new LlamaModel(checkpoint.config(), weights);
      Map<String, NDArray> parameters = lm.parameters();
      parameters.values().forEach(p -> p.setRequiresGradient(true));
      Random random = new Random(1);
      long[] inputs = new long[2 * 5];
      long[] targets = new long[2 * 5];
      for (int i = 0; i < inputs.length; i++) {
        inputs[i] = random.nextInt(11);
        targets[i] = random.nextInt(11);
      }
      try (NDManager scope = manager.newSubManager()) {
        NDArray in = scope.create(inputs, new Shape(2, 5));
        NDArray out = scope.create(targets, new Shape(2, 5));
        try (Autograd tape = Autograd.record()) {
          tape.backward(LanguageModelLoss.mean(lm, in, out));
        }
        int checked = 0;
        double largest = 0;
        for (Map.Entry<String, NDArray> e : parameters.entrySet()) {
          NDArray p = e.getValue();
          double[] gradient = p.getGradient().toDoubleArray();
          long[] shape = p.getShape().getShape();
          for (int k = 0; k < 3; k++) {
            int flat = random.nextInt(gradient.length);
            NDIndex index = shape.length == 1 ? new NDIndex(flat)
                : new NDIndex(flat / shape[1], flat % shape[1]);
            double numeric;
            try (Autograd paused = Autograd.pause()) {
              numeric = finiteDifference(lm, in, out, p, index);
            }
            assertEquals(numeric, gradient[flat], 1e-7 + 1e-5 * Math.abs(numeric),
                e.getKey() + "[" + flat + "]");
            checked++;
            largest = Math.max(largest, Math.abs(numeric));
          }
        }
        assertEquals(3 * parameters.size(), checked, "three elements of every parameter");
        assertTrue(largest > 1e-2, "gradients this small test nothing: " + largest);
      }
    }
  }

  private static double finiteDifference(
      CausalLm lm, NDArray in, NDArray out, NDArray p, NDIndex index) {
    double original = p.get(index).toDoubleArray()[0];
    p.set(index, original + H);
    double plus = loss(lm, in, out);
    p.set(index, original - H);
    double minus = loss(lm, in, out);
    p.set(index, original);
    return (plus - minus) / (2 * H);
  }

  private static double loss(CausalLm lm, NDArray in, NDArray out) {
    try (NDManager scope = in.getManager().newSubManager()) {
      NDArray i = in.duplicate();
      i.attach(scope);
      return LanguageModelLoss.mean(lm, i, out).getDouble();
    }
  }
}

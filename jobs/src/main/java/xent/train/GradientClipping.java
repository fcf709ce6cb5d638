package xent.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import java.util.Collection;

/** Clipping by the global L2 norm of all gradients together (Pascanu et al. 2013). */
public final class GradientClipping {

  private GradientClipping() {}

  /**
   * Scales every gradient in place by maxNorm / norm when the global norm exceeds maxNorm.
   * Temporaries belong to the gradients' manager.
   *
   * @return the global norm before clipping
   */
  public static double clip(Collection<NDArray> gradients, double maxNorm) {
    if (gradients.isEmpty()) {
      return 0;
    }
    NDList squares = new NDList(gradients.size());
    for (NDArray g : gradients) {
      squares.add(g.square().sum().toType(DataType.FLOAT64, false));
    }
    double norm = Math.sqrt(NDArrays.stack(squares).sum().getDouble()); // one copy to Java
    if (maxNorm > 0 && norm > maxNorm) {
      double scale = maxNorm / (norm + 1e-6);
      for (NDArray g : gradients) {
        g.muli(scale);
      }
    }
    return norm;
  }
}

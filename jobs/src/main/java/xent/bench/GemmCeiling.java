package xent.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/** The machine's fp32 matrix-multiply rate through DJL: the ceiling scoring can approach. */
final class GemmCeiling {

  private GemmCeiling() {}

  /** GFLOP/s of a 2048 x 2048 x 2048 float32 matmul on the CPU, best of a few runs. */
  static double measure() {
    int n = 2048;
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray a = m.randomNormal(new Shape(n, n));
      NDArray b = m.randomNormal(new Shape(n, n));
      a.matMul(b).close(); // warm up
      double best = 0;
      for (int rep = 0; rep < 5; rep++) {
        long start = System.nanoTime();
        NDArray c = a.matMul(b);
        c.toFloatArray(); // wait for the result
        double seconds = (System.nanoTime() - start) / 1e9;
        c.close();
        best = Math.max(best, 2.0 * n * n * n / seconds / 1e9);
      }
      return best;
    }
  }
}

package xent.sampling;

import java.util.random.RandomGenerator;

/**
 * Draws from the symmetric Dirichlet distribution Dir(alpha, ..., alpha): independent
 * Gamma(alpha, 1) draws, normalised. Gamma by Marsaglia and Tsang (2000), with the boost
 * Gamma(alpha) = Gamma(alpha + 1) U^(1/alpha) below alpha = 1. Written here because the one
 * maintained library that has it on this classpath (commons-math3) comes only with Spark, which
 * is provided and absent from the plain-Java commands.
 */
public record Dirichlet(double alpha) {

  public Dirichlet {
    if (!(alpha > 0) || Double.isInfinite(alpha)) {
      throw new IllegalArgumentException("Dirichlet concentration must be positive, got " + alpha);
    }
  }

  /** One point of the simplex with {@code k} coordinates. */
  public double[] sample(int k, RandomGenerator random) {
    double[] x = new double[k];
    double total = 0;
    for (int i = 0; i < k; i++) {
      x[i] = gamma(alpha, random);
      total += x[i];
    }
    if (total == 0) { // every draw underflowed (tiny alpha): the limit is a random vertex
      x[random.nextInt(k)] = 1;
      return x;
    }
    for (int i = 0; i < k; i++) {
      x[i] /= total;
    }
    return x;
  }

  static double gamma(double shape, RandomGenerator random) {
    if (shape < 1) {
      return gamma(shape + 1, random) * Math.pow(1 - random.nextDouble(), 1 / shape);
    }
    double d = shape - 1.0 / 3;
    double c = 1 / Math.sqrt(9 * d);
    while (true) {
      double z = random.nextGaussian();
      double v = 1 + c * z;
      if (v <= 0) {
        continue;
      }
      v = v * v * v;
      double u = 1 - random.nextDouble();
      if (Math.log(u) < 0.5 * z * z + d - d * v + d * Math.log(v)) {
        return d * v;
      }
    }
  }
}

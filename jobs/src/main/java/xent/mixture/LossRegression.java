package xent.mixture;

/** A way to predict a mixture's loss on every validation domain, fitted to observed mixtures. */
interface LossRegression {

  /** The method's name in the tables: mde, linear+mde, gbt+mde, regmix, linear, mixing-law. */
  String name();

  Fitted fit(Observations observations);

  /** A fitted predictor. */
  @FunctionalInterface
  interface Fitted {

    /** Predicted loss per validation domain of mixture w, whose MDE estimates are {@code mde}. */
    double[] predict(double[] w, double[] mde);
  }
}

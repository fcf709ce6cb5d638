package xent.mixture;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.ml.regression.GBTRegressionModel;
import org.apache.spark.ml.regression.GBTRegressor;
import org.apache.spark.ml.regression.LinearRegression;
import org.apache.spark.ml.regression.LinearRegressionModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * One MLlib regressor per validation domain on the features [w] or [w, MDE losses at w]: a ridge
 * linear regression, or gradient-boosted trees (RegMix uses boosted trees on w alone).
 *
 * <p>The linear model is ridge (elastic-net mixing 0, regParam {@value #RIDGE} on standardised
 * features): the weights sum to one, so they are collinear with the intercept; the MDE losses of
 * the domains move together; and there are about as many features (K + D) as trained mixtures.
 * Ordinary least squares is not identifiable there, and an L1 penalty would pick one feature of a
 * correlated group at random from one leave-one-out fold to the next.
 *
 * <p>The boosted trees are one model for all domains rather than one per domain: each row is a
 * (mixture, domain) pair whose label is the loss minus that domain's mean over the training
 * mixtures, with features [w, the domain's own weight w_j, one-hot domain] and, with MDE, the
 * domain's own MDE estimate centred the same way. Per-domain intercepts plus shared trees on
 * centred features need tens of points, not tens per domain; and an MLlib fit of tens of rows is
 * a few hundred tiny Spark jobs, so one fit instead of D keeps leave-one-out within minutes. The
 * trees are shallow (depth {@value #DEPTH}) with a small step, as fits tens of points.
 */
record MllibLoss(String name, SparkSession spark, boolean withMde, boolean boosted, int trees, long seed,
    int[] ownExpert)
    implements LossRegression {

  static final double RIDGE = 0.01;
  static final int DEPTH = 3;
  static final double STEP = 0.2;

  private static final StructType SCHEMA = new StructType()
      .add("features", SQLDataTypes.VectorType(), false)
      .add("label", DataTypes.DoubleType, false);

  @Override
  public Fitted fit(Observations observations) {
    return boosted ? fitPooledTrees(observations) : fitLinearPerDomain(observations);
  }

  private Fitted fitLinearPerDomain(Observations observations) {
    int d = observations.loss()[0].length;
    List<LinearRegressionModel> models = new ArrayList<>();
    for (int j = 0; j < d; j++) {
      List<Row> rows = new ArrayList<>();
      double[] label = observations.loss(j);
      for (int n = 0; n < observations.size(); n++) {
        rows.add(RowFactory.create(features(observations.w()[n], observations.mde()[n]), label[n]));
      }
      models.add(new LinearRegression().setRegParam(RIDGE).setElasticNetParam(0).setStandardization(true)
          .fit(spark.createDataFrame(rows, SCHEMA).coalesce(1)));
    }
    return (w, mde) -> {
      Vector x = features(w, mde);
      double[] predicted = new double[models.size()];
      for (int j = 0; j < predicted.length; j++) {
        predicted[j] = models.get(j).predict(x);
      }
      return predicted;
    };
  }

  private Fitted fitPooledTrees(Observations observations) {
    int d = observations.loss()[0].length;
    double[] lossMean = new double[d];
    double[] mdeMean = new double[d];
    for (int j = 0; j < d; j++) {
      lossMean[j] = mean(observations.loss(j));
      for (int n = 0; n < observations.size(); n++) {
        mdeMean[j] += observations.mde()[n][j] / observations.size();
      }
    }
    List<Row> rows = new ArrayList<>();
    for (int n = 0; n < observations.size(); n++) {
      for (int j = 0; j < d; j++) {
        rows.add(RowFactory.create(pooledFeatures(observations.w()[n], observations.mde()[n], j, mdeMean),
            observations.loss()[n][j] - lossMean[j]));
      }
    }
    GBTRegressionModel model = new GBTRegressor().setMaxDepth(DEPTH).setMaxIter(trees).setStepSize(STEP)
        .setMinInstancesPerNode(1).setSeed(seed).fit(spark.createDataFrame(rows, SCHEMA).coalesce(1));
    return (w, mde) -> {
      double[] predicted = new double[d];
      for (int j = 0; j < d; j++) {
        predicted[j] = lossMean[j] + model.predict(pooledFeatures(w, mde, j, mdeMean));
      }
      return predicted;
    };
  }

  /** [w, w_j, one-hot j] and, with MDE, the domain's MDE estimate minus its training mean. */
  private Vector pooledFeatures(double[] w, double[] mde, int j, double[] mdeMean) {
    int k = w.length;
    int d = mdeMean.length;
    double[] x = new double[k + 1 + d + (withMde ? 1 : 0)];
    System.arraycopy(w, 0, x, 0, k);
    x[k] = ownExpert[j] < 0 ? 0 : w[ownExpert[j]];
    x[k + 1 + j] = 1;
    if (withMde) {
      x[k + 1 + d] = mde[j] - mdeMean[j];
    }
    return Vectors.dense(x);
  }

  private static double mean(double[] values) {
    double s = 0;
    for (double v : values) {
      s += v;
    }
    return s / values.length;
  }

  private Vector features(double[] w, double[] mde) {
    if (!withMde) {
      return Vectors.dense(w.clone());
    }
    double[] x = new double[w.length + mde.length];
    System.arraycopy(w, 0, x, 0, w.length);
    System.arraycopy(mde, 0, x, w.length, mde.length);
    return Vectors.dense(x);
  }
}

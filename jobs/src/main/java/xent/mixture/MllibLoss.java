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
 * <p>The trees are shallow (depth {@value #DEPTH}) with a small step, as fits tens of points.
 */
record MllibLoss(String name, SparkSession spark, boolean withMde, boolean boosted, int trees, long seed)
    implements LossRegression {

  static final double RIDGE = 0.01;
  static final int DEPTH = 2;
  static final double STEP = 0.2;

  private static final StructType SCHEMA = new StructType()
      .add("features", SQLDataTypes.VectorType(), false)
      .add("label", DataTypes.DoubleType, false);

  @Override
  public Fitted fit(Observations observations) {
    int d = observations.loss()[0].length;
    List<java.util.function.Function<Vector, Double>> models = new ArrayList<>();
    for (int j = 0; j < d; j++) {
      List<Row> rows = new ArrayList<>();
      double[] label = observations.loss(j);
      for (int n = 0; n < observations.size(); n++) {
        rows.add(RowFactory.create(features(observations.w()[n], observations.mde()[n]), label[n]));
      }
      Dataset<Row> train = spark.createDataFrame(rows, SCHEMA).coalesce(1);
      if (boosted) {
        GBTRegressionModel model = new GBTRegressor().setMaxDepth(DEPTH).setMaxIter(trees).setStepSize(STEP)
            .setMinInstancesPerNode(1).setSeed(seed).fit(train);
        models.add(model::predict);
      } else {
        LinearRegressionModel model = new LinearRegression().setRegParam(RIDGE).setElasticNetParam(0)
            .setStandardization(true).fit(train);
        models.add(model::predict);
      }
    }
    return (w, mde) -> {
      Vector x = features(w, mde);
      double[] predicted = new double[models.size()];
      for (int j = 0; j < predicted.length; j++) {
        predicted[j] = models.get(j).apply(x);
      }
      return predicted;
    };
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

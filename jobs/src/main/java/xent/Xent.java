package xent;

import java.util.List;
import org.apache.spark.sql.SparkSession;
import xent.scoring.ScoreFunctions;

/**
 * xent's entry points for notebooks and other Spark applications. The command line is
 * {@link xent.cli.Main}.
 */
public final class Xent {

  private Xent() {}

  /**
   * Registers the Spark SQL functions {@code xent_logprob(text, model)} and
   * {@code xent_token_logprobs(text, model)}.
   *
   * <pre>
   * Xent.register(spark, List.of("stories260K=/models/stories260K"));
   * spark.sql("SELECT id, xent_logprob(text, 'stories260K') FROM docs").show();
   * </pre>
   *
   * @param models "NAME=PATH" specs; the functions take the NAME
   */
  public static void register(SparkSession spark, List<String> models) {
    ScoreFunctions.register(spark, models);
  }
}

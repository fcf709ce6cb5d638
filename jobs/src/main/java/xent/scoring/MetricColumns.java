package xent.scoring;

import java.io.Serializable;
import org.apache.spark.broadcast.Broadcast;
import xent.detect.MetricSettings;
import xent.detect.TokenCountTable;

/**
 * What a scoring task needs for the metric columns, serializable for tasks.
 *
 * @param metrics the metric columns and their parameters
 * @param reference the reference model, or null
 * @param broadcastCounts DC-PDD's token counts, broadcast once per executor, or null
 */
record MetricColumns(MetricSettings metrics, ModelRef reference, Broadcast<TokenCountTable> broadcastCounts)
    implements Serializable {

  static final MetricColumns NONE = new MetricColumns(MetricSettings.NONE, null, null);

  TokenCountTable counts() {
    return broadcastCounts == null ? null : broadcastCounts.value();
  }
}

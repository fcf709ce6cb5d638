package xent.scoring;

import java.io.Serializable;
import java.util.HashMap;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;

/**
 * The driver's Hadoop settings (including {@code spark.hadoop.*} ones such as object-store
 * credentials) carried to executors, which open corpus files themselves.
 */
record HadoopConf(Map<String, String> settings) implements Serializable {

  static HadoopConf of(Configuration conf) {
    Map<String, String> settings = new HashMap<>();
    conf.forEach(e -> settings.put(e.getKey(), e.getValue()));
    return new HadoopConf(settings);
  }

  Configuration toConfiguration() {
    Configuration conf = new Configuration(false);
    settings.forEach(conf::set);
    return conf;
  }
}

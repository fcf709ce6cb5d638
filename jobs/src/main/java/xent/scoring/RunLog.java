package xent.scoring;

import java.nio.file.Path;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.FileAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.layout.PatternLayout;

/**
 * A run's log file in its output folder: xent's INFO lines (one or more per unit: staging,
 * loading, scoring, committing) and everyone's warnings, while the console shows only progress,
 * the summary and warnings (conf/log4j2.properties raises the driver console's threshold through
 * {@code -Dxent.console.level=warn}, which bin/xent sets). In local mode the executors are the
 * driver, so their lines land here too; on a cluster they stay in each executor's stderr log.
 *
 * <p>Works only when log4j2 is the logging back-end, as under Spark; elsewhere (slf4j-simple, as
 * for {@code logprob}) it does nothing.
 */
public final class RunLog implements AutoCloseable {

  private final LoggerContext context;
  private final FileAppender appender;

  private RunLog(LoggerContext context, FileAppender appender) {
    this.context = context;
    this.appender = appender;
  }

  /** Starts appending to {@code file} (created with its folders; null: none); close to stop. */
  public static RunLog to(Path file) {
    if (file == null || !(LogManager.getContext(false) instanceof LoggerContext context)) {
      return new RunLog(null, null);
    }
    Configuration config = context.getConfiguration();
    FileAppender appender = FileAppender.newBuilder()
        .setName("xent-run-" + file)
        .withFileName(file.toString())
        .withAppend(true)
        .withCreateOnDemand(false)
        .setLayout(PatternLayout.newBuilder()
            .withPattern("%d{yyyy-MM-dd HH:mm:ss} %p [%t] %c{1}: %m%n%ex")
            .withConfiguration(config)
            .build())
        .setConfiguration(config)
        .build();
    appender.start();
    config.addAppender(appender);
    // On the root only: each logger's own level already decides what reaches it (xent at INFO,
    // Spark and the rest at WARN in conf/log4j2.properties), and nothing arrives twice.
    config.getRootLogger().addAppender(appender, Level.INFO, null);
    context.updateLoggers();
    return new RunLog(context, appender);
  }

  @Override
  public void close() {
    if (appender == null) {
      return;
    }
    Configuration config = context.getConfiguration();
    config.getRootLogger().removeAppender(appender.getName());
    context.updateLoggers();
    appender.stop();
  }
}

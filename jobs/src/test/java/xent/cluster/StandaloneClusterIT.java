package xent.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real standalone cluster (1 master, 2 workers) from the packaged jars runs and survives jobs. */
@Tag("cluster")
class StandaloneClusterIT {

  private static final Path HOME = Path.of(System.getProperty("xent.home", ".")).toAbsolutePath();
  private static final long N = 10_000;
  private static final int PARTITIONS = 8;
  private static final Set<Integer> ALL_PARTITIONS =
      IntStream.range(0, PARTITIONS).boxed().collect(Collectors.toCollection(TreeSet::new));
  private static final Pattern START = Pattern.compile("^start partition=(\\d+) pid=(\\d+)$", Pattern.MULTILINE);
  private static final Pattern DONE = Pattern.compile("^(?:done )?partition=(\\d+) executor=\\S+ pid=(\\d+) count=\\d+$",
      Pattern.MULTILINE);

  @Test
  void runsTasksOnEveryWorkerAndStopsEverythingOnClose(@TempDir Path dir) throws Exception {
    StandaloneCluster cluster = StandaloneCluster.start(2, HOME);
    List<Long> daemons;
    try (cluster) {
      daemons = cluster.workerPids();
      String driver = runProbe(cluster, dir, 300);
      assertTrue(driver.contains("\ntotal=" + N + "\n"), driver);
      assertEquals(ALL_PARTITIONS, partitions(DONE, driver).keySet(), driver);

      Set<Integer> onWorker0 = partitions(DONE, cluster.executorStdout(0)).keySet();
      Set<Integer> onWorker1 = partitions(DONE, cluster.executorStdout(1)).keySet();
      assertFalse(onWorker0.isEmpty(), "worker 0 ran no task; driver:\n" + driver);
      assertFalse(onWorker1.isEmpty(), "worker 1 ran no task; driver:\n" + driver);
      Set<Integer> both = new TreeSet<>(onWorker0);
      both.addAll(onWorker1);
      assertEquals(ALL_PARTITIONS, both);
      assertEquals(PARTITIONS, onWorker0.size() + onWorker1.size(), "a partition ran twice");
      assertFalse(cluster.liveProcesses().isEmpty(), "the daemons are found by their folder");
    }
    assertEquals(List.of(), cluster.liveProcesses());
    for (long pid : daemons) {
      assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "worker " + pid);
    }
  }

  @Test
  void finishesTheJobWhenAWorkerAndItsExecutorAreKilledMidway(@TempDir Path dir) throws Exception {
    StandaloneCluster cluster = StandaloneCluster.start(2, HOME);
    try (cluster) {
      Path log = dir.resolve("driver.log");
      Process driver = cluster.submit(probeJar(dir), ClusterProbe.class.getName(), log,
          Long.toString(N), Integer.toString(PARTITIONS), "3000");
      Map<Integer, Long> startedOnWorker1 = awaitFirstTask(cluster, 1, Duration.ofSeconds(90));
      long doomedExecutor = startedOnWorker1.values().iterator().next();
      long worker1 = cluster.workerPids().get(1);

      cluster.killWorker(1);

      assertFalse(ProcessHandle.of(worker1).map(ProcessHandle::isAlive).orElse(false));
      assertFalse(ProcessHandle.of(doomedExecutor).map(ProcessHandle::isAlive).orElse(false));
      String output = awaitExit(driver, log, Duration.ofSeconds(120));
      assertTrue(output.contains("\ntotal=" + N + "\n"), output);
      Map<Integer, Long> finishedBy = partitions(DONE, output);
      assertEquals(ALL_PARTITIONS, finishedBy.keySet(), output);
      // What the killed executor had started was rerun by a survivor.
      for (int partition : startedOnWorker1.keySet()) {
        assertTrue(finishedBy.get(partition) != doomedExecutor, "partition " + partition + ": " + output);
      }
    }
    assertEquals(List.of(), cluster.liveProcesses());
  }

  /** Runs ClusterProbe to completion and returns the driver's output. */
  private static String runProbe(StandaloneCluster cluster, Path dir, long sleepMillis) throws Exception {
    Path log = dir.resolve("driver.log");
    Process driver = cluster.submit(probeJar(dir), ClusterProbe.class.getName(), log,
        Long.toString(N), Integer.toString(PARTITIONS), Long.toString(sleepMillis));
    return awaitExit(driver, log, Duration.ofSeconds(120));
  }

  private static String awaitExit(Process driver, Path log, Duration timeout) throws Exception {
    if (!driver.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
      driver.destroyForcibly();
      throw new AssertionError("driver still running after " + timeout.toSeconds() + " s:\n" + Files.readString(log));
    }
    String output = Files.readString(log);
    assertEquals(0, driver.exitValue(), output);
    return output;
  }

  /** Partition -> executor pid of the tasks worker {@code index} has started, once there is one. */
  private static Map<Integer, Long> awaitFirstTask(StandaloneCluster cluster, int index, Duration timeout)
      throws IOException, InterruptedException {
    Instant deadline = Instant.now().plus(timeout);
    while (Instant.now().isBefore(deadline)) {
      Map<Integer, Long> started = partitions(START, cluster.executorStdout(index));
      if (!started.isEmpty()) {
        return started;
      }
      Thread.sleep(200);
    }
    throw new AssertionError("worker " + index + " started no task within " + timeout.toSeconds() + " s");
  }

  /** Partition -> pid, from the probe lines {@code pattern} matches. */
  private static Map<Integer, Long> partitions(Pattern pattern, String output) {
    Map<Integer, Long> pids = new HashMap<>();
    Matcher line = pattern.matcher(output);
    while (line.find()) {
      pids.put(Integer.parseInt(line.group(1)), Long.parseLong(line.group(2)));
    }
    return pids;
  }

  /** The probe's classes in a jar: SparkSubmit ships it to the executors. */
  private static Path probeJar(Path dir) throws IOException, URISyntaxException {
    Path classes = Path.of(ClusterProbe.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    Path jar = dir.resolve("probe.jar");
    try (OutputStream file = Files.newOutputStream(jar);
        JarOutputStream out = new JarOutputStream(file);
        Stream<Path> files = Files.list(classes.resolve("xent/cluster"))) {
      for (Path probeClass : files.filter(f -> f.getFileName().toString().startsWith("ClusterProbe")).toList()) {
        out.putNextEntry(new JarEntry("xent/cluster/" + probeClass.getFileName()));
        Files.copy(probeClass, out);
        out.closeEntry();
      }
    }
    return jar;
  }
}

package xent.cluster;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.apache.spark.launcher.JavaModuleOptions;

/**
 * A real Spark standalone cluster on this machine: one Master and N Workers (1 core, 2 GB each),
 * every one a separate JVM started from the project's packaged jars, all bound to 127.0.0.1.
 * Everything lives in one temporary folder (SPARK_HOME, logs, work dirs) that {@link #close()}
 * deletes after stopping every process started from it, executors included.
 */
public final class StandaloneCluster implements AutoCloseable {

  private static final Duration STARTUP = Duration.ofSeconds(90);
  private static final Duration EXIT = Duration.ofSeconds(20);
  private static final String LOOPBACK = "127.0.0.1";

  private final Path dir;
  private final SparkHome home;
  private final int masterPort = freePort();
  private final int masterUiPort = freePort();
  private final List<Process> workers = new ArrayList<>();
  private Process master;

  private StandaloneCluster(Path dir, SparkHome home) {
    this.dir = dir;
    this.home = home;
  }

  /**
   * Starts a master and {@code workerCount} workers from the jars packaged under
   * {@code xentHome}/jobs/target, and returns once the master lists every worker as alive.
   */
  public static StandaloneCluster start(int workerCount, Path xentHome)
      throws IOException, InterruptedException {
    if (workerCount < 1) {
      throw new IllegalArgumentException("workerCount must be at least 1, found " + workerCount);
    }
    Path dir = Files.createTempDirectory("xent-cluster");
    StandaloneCluster cluster = new StandaloneCluster(dir, SparkHome.layOut(dir, xentHome));
    try {
      cluster.launch(workerCount);
      return cluster;
    } catch (IOException | InterruptedException | RuntimeException e) {
      cluster.close();
      throw e;
    }
  }

  private void launch(int workerCount) throws IOException, InterruptedException {
    master = java("org.apache.spark.deploy.master.Master", dir.resolve("master.log"),
        "--host", LOOPBACK, "--port", Integer.toString(masterPort),
        "--webui-port", Integer.toString(masterUiPort));
    for (int i = 0; i < workerCount; i++) {
      Path workDir = Files.createDirectories(workDir(i));
      workers.add(java("org.apache.spark.deploy.worker.Worker", dir.resolve("worker-" + i + ".log"),
          "--host", LOOPBACK, "--cores", "1", "--memory", "2g",
          "--webui-port", Integer.toString(freePort()), "--work-dir", workDir.toString(),
          masterUrl()));
    }
    awaitAliveWorkers(workerCount);
  }

  /** The URL to pass as {@code --master}. */
  public String masterUrl() {
    return "spark://" + LOOPBACK + ":" + masterPort;
  }

  /** The worker JVMs' process ids, by worker index. */
  public List<Long> workerPids() {
    return workers.stream().map(Process::pid).toList();
  }

  /**
   * Kills worker {@code index} and the executors it launched with SIGKILL, as when a machine
   * dies, and returns once they have exited.
   */
  public void killWorker(int index) throws InterruptedException {
    kill(workers.get(index).toHandle());
  }

  /** Everything the executors that worker {@code index} launched printed on stdout. */
  public String executorStdout(int index) throws IOException {
    return executorOutput(index, "stdout");
  }

  /** Everything the executors that worker {@code index} launched logged on stderr. */
  public String executorStderr(int index) throws IOException {
    return executorOutput(index, "stderr");
  }

  private String executorOutput(int index, String stream) throws IOException {
    try (Stream<Path> files = Files.walk(workDir(index))) {
      StringBuilder out = new StringBuilder();
      for (Path stdout : files.filter(f -> f.getFileName().toString().equals(stream)).sorted().toList()) {
        out.append(Files.readString(stdout));
      }
      return out.toString();
    }
  }

  /**
   * Starts {@code mainClass} from {@code appJar} through SparkSubmit against this cluster, in
   * client mode in a JVM of its own; stdout and stderr go to {@code log}.
   */
  public Process submit(Path appJar, String mainClass, Path log, String... args) throws IOException {
    List<String> submit = new ArrayList<>(List.of(
        "--master", masterUrl(), "--class", mainClass,
        "--conf", "spark.driver.host=" + LOOPBACK,
        "--conf", "spark.driver.bindAddress=" + LOOPBACK,
        "--conf", "spark.ui.enabled=false",
        // Wait for every worker's executor before the first task, so that tasks spread out.
        "--conf", "spark.scheduler.minRegisteredResourcesRatio=1.0",
        appJar.toString()));
    submit.addAll(Arrays.asList(args));
    return java("org.apache.spark.deploy.SparkSubmit", log, submit.toArray(String[]::new));
  }

  /** Every process still running that was started from this cluster's folder. */
  public List<ProcessHandle> liveProcesses() {
    String folder = dir.toString();
    return ProcessHandle.allProcesses()
        .filter(p -> p.info().commandLine().map(line -> line.contains(folder)).orElse(false))
        .toList();
  }

  /** Stops every process started from this cluster's folder and deletes the folder. */
  @Override
  public void close() throws InterruptedException {
    for (Process worker : workers) {
      kill(worker.toHandle());
    }
    if (master != null) {
      kill(master.toHandle());
    }
    // Orphans: executors whose worker died before we could list them, drivers left running.
    for (ProcessHandle process : liveProcesses()) {
      kill(process);
    }
    deleteRecursively(dir);
  }

  private Path workDir(int index) {
    return dir.resolve("work-" + index);
  }

  /** A JVM on this cluster's SPARK_HOME classpath, as Spark's scripts would start it. */
  private Process java(String mainClass, Path log, String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(Arrays.asList(JavaModuleOptions.defaultModuleOptions().split(" ")));
    command.addAll(List.of("-Xmx512m", "-DOPT_OUT_TRACKING=true", "-cp", home.classpath(), mainClass));
    command.addAll(Arrays.asList(args));
    ProcessBuilder builder = new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(log.toFile());
    Map<String, String> env = builder.environment();
    env.put("SPARK_HOME", home.dir().toString());
    env.put("SPARK_LOCAL_IP", LOOPBACK);
    env.put("SPARK_SCALA_VERSION", "2.13");
    env.put("OPT_OUT_TRACKING", "true");
    return builder.start();
  }

  private void awaitAliveWorkers(int expected) throws IOException, InterruptedException {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + LOOPBACK + ":" + masterUiPort + "/json/"))
        .timeout(Duration.ofSeconds(5))
        .build();
    Instant deadline = Instant.now().plus(STARTUP);
    int alive = 0;
    while (Instant.now().isBefore(deadline)) {
      requireRunning();
      try {
        alive = aliveWorkers(http.send(request, HttpResponse.BodyHandlers.ofString()).body());
        if (alive == expected) {
          return;
        }
      } catch (IOException notYetListening) {
        // The master's UI is still starting.
      }
      Thread.sleep(250);
    }
    throw new IllegalStateException("only " + alive + " of " + expected + " workers registered with "
        + masterUrl() + " within " + STARTUP.toSeconds() + " s; logs in " + dir);
  }

  private static int aliveWorkers(String masterJson) {
    int alive = 0;
    for (JsonElement worker : JsonParser.parseString(masterJson).getAsJsonObject().getAsJsonArray("workers")) {
      if ("ALIVE".equals(worker.getAsJsonObject().get("state").getAsString())) {
        alive++;
      }
    }
    return alive;
  }

  private void requireRunning() throws IOException {
    List<Process> daemons = new ArrayList<>(workers);
    daemons.add(master);
    for (int i = 0; i < daemons.size(); i++) {
      if (!daemons.get(i).isAlive()) {
        Path log = i < workers.size() ? dir.resolve("worker-" + i + ".log") : dir.resolve("master.log");
        throw new IllegalStateException("exited with code " + daemons.get(i).exitValue()
            + " during startup; " + log + " ends with:\n" + tail(log));
      }
    }
  }

  private static String tail(Path log) throws IOException {
    List<String> lines = Files.readAllLines(log);
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
  }

  /** SIGKILL to a process and its descendants, listed before the kill orphans them. */
  private static void kill(ProcessHandle process) throws InterruptedException {
    List<ProcessHandle> all = new ArrayList<>(process.descendants().toList());
    all.add(0, process);
    all.forEach(ProcessHandle::destroyForcibly);
    for (ProcessHandle p : all) {
      try {
        p.onExit().get(EXIT.toSeconds(), TimeUnit.SECONDS);
      } catch (ExecutionException | TimeoutException e) {
        throw new IllegalStateException("process " + p.pid() + " still running "
            + EXIT.toSeconds() + " s after SIGKILL", e);
      }
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK))) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free port on " + LOOPBACK, e);
    }
  }

  private static void deleteRecursively(Path root) {
    try (Stream<Path> files = Files.walk(root)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(file);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete the cluster folder " + root, e);
    }
  }
}

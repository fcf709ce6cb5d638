package xent.scoring;

import com.google.gson.Gson;
import com.google.gson.JsonParseException;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Paths;
import java.time.Instant;
import java.util.Optional;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * One score run at a time in one output folder: {@code OUT/_xent/lock}, created only if absent,
 * holding the driver's host, pid and start time, deleted when the run ends.
 *
 * <p>The creation is atomic where the file system makes it so: the local file system
 * ({@code O_EXCL}, through {@link Files#createFile}-style {@code CREATE_NEW}; Hadoop's local
 * {@code create(path, false)} checks and then creates) and HDFS ({@code create(path, false)} is
 * decided by the NameNode). On S3 (s3a) it is not: {@code create(path, false)} checks for the
 * object and then uploads it, so two drivers starting within the same moment can both take the
 * lock. Give concurrent runs on object stores their own {@code --out}.
 *
 * <p>A lock whose driver ran on this host and whose process is gone (no such pid, or a pid reused
 * by a process started at another time) is stale: a driver killed with {@code kill -9} leaves
 * one, and the next run takes it over with a console line. A lock from another host cannot be
 * judged from here and is reported with the command that removes it.
 */
final class ScoreLock implements AutoCloseable {

  private static final Gson GSON = new Gson();

  /**
   * Who holds a lock.
   *
   * @param host the driver's host name
   * @param pid the driver's process id
   * @param processStart when that process started (ISO-8601), to tell a reused pid apart
   * @param started when the run took the lock (ISO-8601)
   */
  record Holder(String host, long pid, String processStart, String started) {

    static Holder thisProcess() {
      ProcessHandle self = ProcessHandle.current();
      return new Holder(hostName(), self.pid(), processStart(self).orElse(""), Instant.now().toString());
    }

    /** True when the holder ran on this host and its process no longer runs. */
    boolean gone() {
      if (!hostName().equals(host)) {
        return false;
      }
      Optional<ProcessHandle> process = ProcessHandle.of(pid);
      if (process.isEmpty() || !process.get().isAlive()) {
        return true;
      }
      Optional<String> start = processStart(process.get());
      return !processStart.isEmpty() && start.isPresent() && !start.get().equals(processStart);
    }

    String describe() {
      return "host " + host + ", pid " + pid + ", started " + started;
    }

    private static Optional<String> processStart(ProcessHandle process) {
      return process.info().startInstant().map(Instant::toString);
    }
  }

  private final FileSystem fs;
  private final Path file;
  private final String content;

  private ScoreLock(FileSystem fs, Path file, String content) {
    this.fs = fs;
    this.file = file;
    this.content = content;
  }

  /**
   * Takes the lock of {@code out}.
   *
   * @throws IllegalStateException when another run holds it, naming that run and how to proceed
   */
  static ScoreLock acquire(FileSystem fs, Path out) throws IOException {
    Path file = new Path(out, "_xent/lock");
    String content = GSON.toJson(Holder.thisProcess());
    for (int attempt = 0; attempt < 2; attempt++) {
      if (createExclusive(fs, file, content)) {
        return new ScoreLock(fs, file, content);
      }
      String held = read(fs, file);
      // On HDFS a lock is created and then written: give a run that is just starting a moment.
      for (int wait = 0; held.isEmpty() && wait < 20 && fs.exists(file); wait++) {
        sleep(50);
        held = read(fs, file);
      }
      Holder holder = parse(held);
      if (holder == null || !holder.gone()) {
        throw new IllegalStateException(out + " is in use by another xent score run ("
            + (holder == null ? "one that is just starting" : holder.describe())
            + "); wait for it to end or use another --out. If that run is gone, delete " + file);
      }
      System.err.println("xent score: taking over the lock of a run that is gone ("
          + holder.describe() + ")");
      deleteIfUnchanged(fs, file, held);
    }
    throw new IllegalStateException("cannot take the lock " + file + ": another run took it first");
  }

  /** Deletes the lock, unless something else has replaced it since (then it is not ours). */
  @Override
  public void close() throws IOException {
    deleteIfUnchanged(fs, file, content);
  }

  private static boolean createExclusive(FileSystem fs, Path file, String content)
      throws IOException {
    byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
    fs.mkdirs(file.getParent());
    if ("file".equals(fs.getUri().getScheme())) {
      // Written beside the lock, then hard-linked to its name: the link is created only if the
      // name is free, and a lock that exists is never seen empty by a run starting at that moment.
      java.nio.file.Path lock = Paths.get(fs.makeQualified(file).toUri());
      java.nio.file.Path written = Files.createTempFile(lock.getParent(), "lock-", ".tmp");
      try {
        Files.write(written, bytes);
        Files.createLink(lock, written);
        return true;
      } catch (FileAlreadyExistsException e) {
        return false;
      } finally {
        Files.deleteIfExists(written);
      }
    }
    try (FSDataOutputStream stream = fs.create(file, false)) {
      stream.write(bytes);
      return true;
    } catch (org.apache.hadoop.fs.FileAlreadyExistsException e) {
      return false;
    }
  }

  private static void deleteIfUnchanged(FileSystem fs, Path file, String expected)
      throws IOException {
    if (expected.equals(read(fs, file))) {
      fs.delete(file, false);
    }
  }

  /** The lock's content, "" when it is absent or not yet written. */
  private static String read(FileSystem fs, Path file) throws IOException {
    try (var in = fs.open(file)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (java.io.FileNotFoundException | NoSuchFileException e) {
      return "";
    }
  }

  private static Holder parse(String json) {
    try {
      Holder holder = GSON.fromJson(json, Holder.class);
      return holder == null || holder.host() == null ? null : holder;
    } catch (JsonParseException e) {
      return null;
    }
  }

  private static void sleep(long millis) throws IOException {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while waiting for the lock", e);
    }
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "localhost";
    }
  }
}
